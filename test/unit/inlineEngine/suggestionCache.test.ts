import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { completionCacheKey, lookupCompletion } from '../../../src/core/inline/completionCacheKey';
import { SuggestionCache } from '../../../src/core/inlineEngine/suggestionCache';

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
    // Short texts over few characters: signatures and tail codes collide often, at the document's start too.
    const text = fc.string({ unit: fc.constantFrom('a', 'b', ' ', '\n', '('), maxLength: 24 });
    fc.assert(
      fc.property(fc.array(fc.tuple(text, fc.array(text, { minLength: 1, maxLength: 2 })), { maxLength: 8 }), fc.array(text, { maxLength: 8 }), (entries, lookups) => {
        const cache = new SuggestionCache(100);
        const plain = new Map<string, readonly string[]>();
        for (const [prefix, texts] of entries) {
          const key = completionCacheKey(parts(prefix));
          cache.set(key, { texts, requestId: 1, typedChars: 0 }, prefix.slice(-64));
          if (texts.length > 0) plain.set(key, texts);
        }
        for (const prefix of [...lookups, ...entries.map(([entry]) => entry + 'ab')]) {
          assert.deepEqual(cache.lookup(parts(prefix))?.texts, lookupCompletion({ get: (key) => plain.get(key) }, parts(prefix))?.texts, JSON.stringify(prefix));
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('keeps at most its capacity', () => {
    const cache = new SuggestionCache(2);
    for (const prefix of ['a = ', 'b = ', 'c = ']) cache.set(completionCacheKey(parts(prefix)), { texts: ['1'], requestId: 1, typedChars: 0 }, prefix);
    assert.equal(cache.size, 2);
    assert.equal(cache.lookup(parts('a = ')), undefined, 'the least recently used went');
    assert.deepEqual(cache.lookup(parts('c = '))?.texts, ['1']);
  });
});
