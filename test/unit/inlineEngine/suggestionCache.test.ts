import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { completionCacheKey, lookupCompletion } from '../../../src/core/inline/completionCacheKey';
import { LruCache } from '../../../src/core/inline/lruCache';
import { SuggestionCache, tailSlot } from '../../../src/core/inlineEngine/suggestionCache';

const parts = (prefix: string) => ({ documentId: 'doc', prefix, suffix: '\n', fingerprint: 'f' });

describe('SuggestionCache', () => {
  it('finds an exact position, and a later one that typed the start of its suggestion', () => {
    const cache = new SuggestionCache(10);
    const prefix = 'const total = ';
    cache.set(completionCacheKey(parts(prefix)), { texts: ['compute(1);'], requestId: 7, typedChars: 0 }, prefix);
    assert.deepEqual(cache.lookup(parts(prefix)), { texts: ['compute(1);'], requestId: 7, typedChars: 0 });
    assert.deepEqual(cache.lookup(parts(prefix + 'comp')), { texts: ['ute(1);'], requestId: 7, typedChars: 4 });
    assert.equal(cache.lookup(parts(prefix + 'x')), undefined);
    assert.equal(cache.lookup(parts('let other = ')), undefined);
  });

  it('finds entries made at the very start of a document', () => {
    const cache = new SuggestionCache(10);
    cache.set(completionCacheKey(parts('im')), { texts: ['port x'], requestId: 1, typedChars: 0 }, 'im');
    assert.deepEqual(cache.lookup(parts('impo'))?.texts, ['rt x']);
  });

  it('finds what a look-up over every key finds (its pre-checks never hide an entry)', () => {
    // Short texts over few characters: signatures and tail codes collide often, at the document's start too;
    // two documents and two suffixes give entries whose signatures match but whose keys do not.
    const text = fc.string({ unit: fc.constantFrom('a', 'b', ' ', '\n', '('), maxLength: 24 });
    const where = fc.record({ documentId: fc.constantFrom('doc', 'other'), suffix: fc.constantFrom('\n', ')\n') });
    const at = (place: { documentId: string; suffix: string }, prefix: string) => ({ ...place, prefix, fingerprint: 'f' });
    fc.assert(
      fc.property(
        fc.array(fc.tuple(where, text, fc.array(text, { minLength: 1, maxLength: 2 })), { maxLength: 8 }),
        fc.array(fc.tuple(where, text), { maxLength: 8 }),
        fc.integer({ min: 1, max: 10 }),
        (entries, lookups, capacity) => {
          const cache = new SuggestionCache(capacity);
          // Same capacity, same sets: after them both hold the same entries.
          const plain = new LruCache<string, readonly string[]>(capacity);
          for (const [place, prefix, texts] of entries) {
            const key = completionCacheKey(at(place, prefix));
            cache.set(key, { texts, requestId: 1, typedChars: 0 }, prefix.slice(-64));
            if (texts.length > 0) plain.set(key, texts);
          }
          const asked: [{ documentId: string; suffix: string }, string][] = [...lookups, ...entries.map(([place, prefix]): [typeof place, string] => [place, prefix + 'ab'])];
          for (const [place, prefix] of asked) {
            const expected = lookupCompletion({ get: (key) => plain.peek(key) }, at(place, prefix));
            assert.deepEqual(cache.lookup(at(place, prefix))?.texts, expected?.texts, JSON.stringify([place, prefix]));
          }
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('forgets what it evicts: an evicted entry is neither found nor left in its index', () => {
    const cache = new SuggestionCache(1);
    cache.set(completionCacheKey(parts('x = ')), { texts: ['foo()'], requestId: 1, typedChars: 0 }, 'x = ');
    cache.set(completionCacheKey(parts('y = ')), { texts: ['bar()'], requestId: 2, typedChars: 0 }, 'y = ');
    assert.equal(cache.lookup(parts('x = fo')), undefined);
    assert.deepEqual(cache.lookup(parts('y = ba')), { texts: ['r()'], requestId: 2, typedChars: 2 });
    cache.set(completionCacheKey(parts('x = ')), { texts: ['foo()'], requestId: 3, typedChars: 0 }, 'x = ');
    assert.deepEqual(cache.lookup(parts('x = fo'))?.texts, ['o()']);
    assert.equal(cache.lookup(parts('y = ba')), undefined);
  });

  it('tails that share a slot: evicting one leaves the other found, and a third tail in the slot finds neither', () => {
    // Two three-character tails in the same slot of the tail table, found by search.
    const slotOf = new Map<number, string>();
    let pair: [string, string] | undefined;
    for (let a = 33; a < 127 && !pair; a++) {
      for (let b = 33; b < 127 && !pair; b++) {
        const tail = `=${String.fromCharCode(a)}${String.fromCharCode(b)}`;
        const slot = tailSlot(tail, tail.length);
        const other = slotOf.get(slot);
        if (other !== undefined) pair = [other, tail];
        else slotOf.set(slot, tail);
      }
    }
    assert.ok(pair, 'some tails share a slot');
    const [first, second] = pair;
    const cache = new SuggestionCache(1);
    cache.set(completionCacheKey(parts(`a ${first}`)), { texts: ['one()'], requestId: 1, typedChars: 0 }, `a ${first}`);
    cache.set(completionCacheKey(parts(`b ${second}`)), { texts: ['two()'], requestId: 2, typedChars: 0 }, `b ${second}`); // evicts the first
    assert.equal(cache.lookup(parts(`a ${first}on`)), undefined);
    assert.deepEqual(cache.lookup(parts(`b ${second}tw`))?.texts, ['o()']);
    assert.equal(cache.lookup(parts(`c ${first}tw`)), undefined, 'same slot, no such signature');
  });

  it('signatures that share a hash ("Aa" and "BB" do) are told apart, and evicting one keeps the other', () => {
    const cache = new SuggestionCache(2);
    cache.set(completionCacheKey(parts('x = Aa')), { texts: ['aaa()'], requestId: 1, typedChars: 0 }, 'x = Aa');
    cache.set(completionCacheKey(parts('x = BB')), { texts: ['bbb()'], requestId: 2, typedChars: 0 }, 'x = BB');
    assert.deepEqual(cache.lookup(parts('x = Aaa'))?.texts, ['aa()']);
    assert.deepEqual(cache.lookup(parts('x = BBb'))?.texts, ['bb()']);
    assert.equal(cache.lookup(parts('x = Aab')), undefined);
    cache.set(completionCacheKey(parts('y = ')), { texts: ['ccc()'], requestId: 3, typedChars: 0 }, 'y = '); // evicts 'x = Aa'
    assert.equal(cache.lookup(parts('x = Aaa')), undefined);
    assert.deepEqual(cache.lookup(parts('x = BBb'))?.texts, ['bb()']);
  });

  it('a suggestion that fits but was made under another document or suffix is not found', () => {
    const cache = new SuggestionCache(10);
    cache.set(completionCacheKey(parts('x = ')), { texts: ['foo()'], requestId: 1, typedChars: 0 }, 'x = ');
    assert.equal(cache.lookup({ ...parts('x = f'), documentId: 'elsewhere' }), undefined);
    assert.equal(cache.lookup({ ...parts('x = f'), suffix: ')' }), undefined);
    assert.equal(cache.lookup({ ...parts('x = f'), fingerprint: 'g' }), undefined);
    assert.equal(cache.lookup(parts('z; x = f')), undefined, 'same signature, longer prefix');
    assert.deepEqual(cache.lookup(parts('x = f'))?.texts, ['oo()']);
  });

  it('a look-up that finds an entry makes it the most recently used; one that passes over it does not', () => {
    const cache = new SuggestionCache(2);
    cache.set(completionCacheKey(parts('a = ')), { texts: ['1'], requestId: 1, typedChars: 0 }, 'a = ');
    cache.set(completionCacheKey(parts('b = ')), { texts: ['2'], requestId: 2, typedChars: 0 }, 'b = ');
    assert.ok(cache.lookup(parts('a = ')));
    assert.equal(cache.lookup(parts('b = x')), undefined, 'typed past b = without its suggestion');
    cache.set(completionCacheKey(parts('c = ')), { texts: ['3'], requestId: 3, typedChars: 0 }, 'c = ');
    assert.ok(cache.lookup(parts('a = ')), 'a was used last');
    assert.equal(cache.lookup(parts('b = ')), undefined, 'b went');
  });

  it('keeps at most its capacity', () => {
    const cache = new SuggestionCache(2);
    for (const prefix of ['a = ', 'b = ', 'c = ']) cache.set(completionCacheKey(parts(prefix)), { texts: ['1'], requestId: 1, typedChars: 0 }, prefix);
    assert.equal(cache.size, 2);
    assert.equal(cache.lookup(parts('a = ')), undefined, 'the least recently used went');
    assert.deepEqual(cache.lookup(parts('c = '))?.texts, ['1']);
  });
});
