import * as assert from 'assert';
import {
  cacheKeyHead,
  CacheKeyParts,
  completionCacheKey,
  continueSuggestion,
  isKeyAt,
  lookupCompletion,
  stableFingerprint,
  stableStringify,
} from '../../../src/core/inline/completionCacheKey';
import { LruCache } from '../../../src/core/inline/lruCache';

const parts = (prefix: string, overrides: Partial<CacheKeyParts> = {}): CacheKeyParts => ({
  documentId: 'file:///src/app.ts',
  prefix,
  suffix: '\n}\n',
  fingerprint: 'f1',
  ...overrides,
});

describe('completionCacheKey', () => {
  describe('stableStringify / stableFingerprint', () => {
    it('ignores object key order at every level and drops undefined fields', () => {
      assert.strictEqual(
        stableStringify({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: undefined } }),
        '{"a":{"d":[1,{"x":1,"y":2}]},"b":1}',
      );
      assert.strictEqual(stableFingerprint({ model: 'm', temperature: 0.2 }), stableFingerprint({ temperature: 0.2, model: 'm' }));
    });

    it('distinguishes different settings, null from missing and non-finite numbers', () => {
      const prints = [
        { model: 'm', temperature: 0.2 },
        { model: 'm', temperature: 0.3 },
        { model: 'n', temperature: 0.2 },
        { model: 'm', temperature: 0.2, stop: ['\n'] },
        { model: 'm', temperature: 0.2, stop: ['\n\n'] },
        { model: 'm', temperature: null },
        { model: 'm', temperature: Infinity },
        { model: 'm' },
      ].map(stableFingerprint);
      assert.strictEqual(new Set(prints).size, prints.length);
      for (const print of prints) assert.match(print, /^[0-9a-f]{16}$/);
      assert.strictEqual(stableStringify(undefined), 'null');
    });
  });

  describe('completionCacheKey', () => {
    it('uses only the prefix tail and the suffix head', () => {
      const options = { prefixChars: 5, suffixChars: 3 };
      assert.strictEqual(
        completionCacheKey(parts('AAAAAhello', { suffix: 'xyzEND' }), options),
        completionCacheKey(parts('BBBBBhello', { suffix: 'xyzOTHER' }), options),
      );
      assert.notStrictEqual(
        completionCacheKey(parts('hello'), options),
        completionCacheKey(parts('hellp'), options),
      );
    });

    it('differs by document, settings fingerprint and suffix', () => {
      const key = completionCacheKey(parts('x = '));
      assert.notStrictEqual(key, completionCacheKey(parts('x = ', { documentId: 'file:///other.ts' })));
      assert.notStrictEqual(key, completionCacheKey(parts('x = ', { fingerprint: 'f2' })));
      assert.notStrictEqual(key, completionCacheKey(parts('x = ', { suffix: '' })));
    });

    it('cannot be confused by separators inside the parts', () => {
      assert.notStrictEqual(
        completionCacheKey(parts('b', { documentId: 'a","f1' })),
        completionCacheKey(parts('b', { documentId: 'a', fingerprint: 'f1","f1' })),
      );
    });

    it('is the head (document, settings, suffix head) followed by the prefix tail', () => {
      const options = { prefixChars: 5, suffixChars: 3 };
      const key = completionCacheKey(parts('xxhello', { suffix: 'abcdef' }), options);
      assert.strictEqual(key, cacheKeyHead(parts('anything', { suffix: 'abcdef' }), options) + 'hello');
      assert.ok(!cacheKeyHead(parts('', { suffix: 'abcdef' }), options).includes('def'));
    });

    it('cannot be confused by a suffix head that looks like the start of a prefix', () => {
      const options = { prefixChars: 10, suffixChars: 10 };
      assert.notStrictEqual(
        completionCacheKey(parts('b', { suffix: 'a' }), options),
        completionCacheKey(parts('ab', { suffix: '' }), options),
      );
      assert.notStrictEqual(
        completionCacheKey(parts('b', { documentId: 'd1', fingerprint: '2:ab' }), options),
        completionCacheKey(parts('b', { documentId: 'd', fingerprint: '12:ab' }), options),
      );
    });

    it('a zero prefix budget keys on document, settings and suffix only', () => {
      const options = { prefixChars: 0, suffixChars: 10 };
      assert.strictEqual(completionCacheKey(parts('abc'), options), completionCacheKey(parts('xyz'), options));
    });
  });

  describe('continueSuggestion (typing through a shown suggestion)', () => {
    it('returns the rest when the typed text matches the start of the suggestion', () => {
      assert.strictEqual(continueSuggestion('const x = ', 'compute(a, b);', 'const x = comp'), 'ute(a, b);');
    });
    it('returns the whole suggestion when nothing was typed', () => {
      assert.strictEqual(continueSuggestion('x = ', 'y', 'x = '), 'y');
    });
    it('typing through a newline and indentation works', () => {
      assert.strictEqual(continueSuggestion('if x:', '\n    return 1', 'if x:\n    ret'), 'urn 1');
    });
    it('undefined when the user typed something else, went back, or typed it all', () => {
      assert.strictEqual(continueSuggestion('x = ', 'foo()', 'x = bar'), undefined);
      assert.strictEqual(continueSuggestion('x = ', 'foo()', 'x ='), undefined);
      assert.strictEqual(continueSuggestion('x = ', 'foo()', 'x = foo()'), undefined);
      assert.strictEqual(continueSuggestion('x = ', 'foo()', 'y = foo'), undefined);
    });
  });

  describe('isKeyAt (a key compared in place)', () => {
    it('agrees with the key built for the same position, also past the prefix tail the key keeps', () => {
      const long = 'x'.repeat(1500) + 'const total = ';
      for (const prefix of ['', 'a', 'const total = ', long]) {
        const head = cacheKeyHead(parts(prefix));
        for (let end = Math.max(0, prefix.length - 3); end <= prefix.length; end++) {
          const key = completionCacheKey(parts(prefix.slice(0, end)));
          assert.strictEqual(isKeyAt(key, head, prefix, end), true, `${prefix.length}/${end}`);
          if (end > 0) assert.strictEqual(isKeyAt(key, head, prefix, end - 1), false);
        }
      }
      const key = completionCacheKey(parts('let a = '));
      assert.strictEqual(isKeyAt(key, cacheKeyHead(parts('let a = ', { documentId: 'file:///other.ts' })), 'let a = ', 8), false);
      assert.strictEqual(isKeyAt(key, cacheKeyHead(parts('let b = ')), 'let b = ', 8), false);
    });
  });

  describe('lookupCompletion', () => {
    function storeWith(entries: Array<[string, string[]]>): LruCache<string, readonly string[]> {
      const cache = new LruCache<string, readonly string[]>(10);
      for (const [prefix, texts] of entries) cache.set(completionCacheKey(parts(prefix)), texts);
      return cache;
    }

    it('exact hit', () => {
      const store = storeWith([['const total = ', ['items.length;']]]);
      const hit = lookupCompletion(store, parts('const total = '));
      assert.deepStrictEqual(hit && { texts: hit.texts, typed: hit.typed }, { texts: ['items.length;'], typed: '' });
    });

    it('typing through: the rest of the matching suggestions, others dropped', () => {
      const store = storeWith([['const total = ', ['items.length;', 'sum(items);', 'items.reduce(add, 0);']]]);
      const hit = lookupCompletion(store, parts('const total = items.'));
      assert.deepStrictEqual(hit && { texts: hit.texts, typed: hit.typed }, {
        texts: ['length;', 'reduce(add, 0);'],
        typed: 'items.',
      });
      assert.strictEqual(hit!.key, completionCacheKey(parts('const total = ')));
    });

    it('backspace: back at an earlier cached position, its own entry answers', () => {
      const store = storeWith([
        ['const total = ', ['items.length;']],
        ['const total = items.', ['map(price);']],
      ]);
      const back = lookupCompletion(store, parts('const total = '));
      assert.deepStrictEqual(back!.texts, ['items.length;']);
      // Deleting part of the typed text falls back to the earlier entry, typed-through.
      const partly = lookupCompletion(store, parts('const total = ite'));
      assert.deepStrictEqual(partly && { texts: partly.texts, typed: partly.typed }, { texts: ['ms.length;'], typed: 'ite' });
    });

    it('the nearest entry that still matches wins; non-matching entries are passed over', () => {
      const store = storeWith([
        ['let a = ', ['foo(bar)']],
        ['let a = f', ['etch(url)']],
      ]);
      const hit = lookupCompletion(store, parts('let a = foo'));
      assert.deepStrictEqual(hit && { texts: hit.texts, typed: hit.typed }, { texts: ['(bar)'], typed: 'foo' });
    });

    it('nothing when the typed text diverges, the suggestion is used up, or it is too far back', () => {
      const store = storeWith([['x = ', ['foo()']]]);
      assert.strictEqual(lookupCompletion(store, parts('x = bar')), undefined);
      assert.strictEqual(lookupCompletion(store, parts('x = foo()')), undefined);
      assert.strictEqual(lookupCompletion(store, parts('x = fo'), { maxTypeThroughChars: 1 }), undefined);
      assert.ok(lookupCompletion(store, parts('x = fo'), { maxTypeThroughChars: 2 }));
    });

    it('an empty cached list is no hit', () => {
      const store = storeWith([['x = ', []]]);
      assert.strictEqual(lookupCompletion(store, parts('x = ')), undefined);
    });

    it('a different suffix or document misses', () => {
      const store = storeWith([['x = ', ['1']]]);
      assert.strictEqual(lookupCompletion(store, parts('x = ', { suffix: '' })), undefined);
      assert.strictEqual(lookupCompletion(store, parts('x = ', { documentId: 'file:///b.ts' })), undefined);
    });
  });
});
