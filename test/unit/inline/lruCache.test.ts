import * as assert from 'assert';
import fc from 'fast-check';
import { LruCache } from '../../../src/core/inline/lruCache';

describe('LruCache', () => {
  it('evicts the least recently set entry first', () => {
    const cache = new LruCache<string, number>(2);
    cache.set('a', 1).set('b', 2).set('c', 3);
    assert.deepStrictEqual(cache.keys(), ['b', 'c']);
    assert.strictEqual(cache.get('a'), undefined);
    assert.strictEqual(cache.size, 2);
  });

  it('get makes an entry the most recently used', () => {
    const cache = new LruCache<string, number>(2);
    cache.set('a', 1).set('b', 2);
    assert.strictEqual(cache.get('a'), 1);
    cache.set('c', 3); // evicts b, not a
    assert.deepStrictEqual(cache.keys(), ['a', 'c']);
  });

  it('peek and has do not change the order', () => {
    const cache = new LruCache<string, number>(2);
    cache.set('a', 1).set('b', 2);
    assert.strictEqual(cache.peek('a'), 1);
    assert.ok(cache.has('a'));
    cache.set('c', 3); // a is still the oldest
    assert.deepStrictEqual(cache.keys(), ['b', 'c']);
  });

  it('setting an existing key replaces the value and refreshes it without growing', () => {
    const cache = new LruCache<string, number>(3);
    cache.set('a', 1).set('b', 2).set('a', 10);
    assert.deepStrictEqual(cache.keys(), ['b', 'a']);
    assert.strictEqual(cache.peek('a'), 10);
    assert.strictEqual(cache.size, 2);
  });

  it('stores falsy values and tells them from absence', () => {
    const cache = new LruCache<string, number | undefined | null>(3);
    cache.set('zero', 0).set('undef', undefined).set('null', null);
    assert.strictEqual(cache.get('zero'), 0);
    assert.ok(cache.has('undef'));
    assert.strictEqual(cache.get('null'), null);
    assert.deepStrictEqual(cache.keys(), ['undef', 'zero', 'null']);
  });

  it('tells onEvict of each entry pushed out to make room, and of nothing else', () => {
    const evicted: [string, number][] = [];
    const cache = new LruCache<string, number>(2, (key, value) => evicted.push([key, value]));
    cache.set('a', 1).set('b', 2).set('a', 10).set('c', 3);
    assert.deepStrictEqual(evicted, [['b', 2]]);
    cache.delete('a');
    cache.clear();
    assert.deepStrictEqual(evicted, [['b', 2]]);
    new LruCache<string, number>(0, () => assert.fail('a cache that keeps nothing evicts nothing')).set('a', 1);
  });

  it('delete and clear', () => {
    const cache = new LruCache<number, string>(3);
    cache.set(1, 'a').set(2, 'b');
    assert.ok(cache.delete(1));
    assert.ok(!cache.delete(1));
    assert.deepStrictEqual(cache.keys(), [2]);
    cache.clear();
    assert.strictEqual(cache.size, 0);
  });

  it('capacity 0 (or invalid) keeps nothing; fractional capacity rounds down', () => {
    for (const capacity of [0, -1, Number.NaN]) {
      const cache = new LruCache<string, number>(capacity);
      cache.set('a', 1);
      assert.strictEqual(cache.size, 0);
    }
    const cache = new LruCache<string, number>(1.9);
    cache.set('a', 1).set('b', 2);
    assert.deepStrictEqual(cache.keys(), ['b']);
  });

  it('property: behaves like a reference list model', () => {
    type Op = { kind: 'set'; key: number; value: number } | { kind: 'get'; key: number } | { kind: 'delete'; key: number };
    const opArb: fc.Arbitrary<Op> = fc.oneof(
      fc.record({ kind: fc.constant('set' as const), key: fc.nat(6), value: fc.integer() }),
      fc.record({ kind: fc.constant('get' as const), key: fc.nat(6) }),
      fc.record({ kind: fc.constant('delete' as const), key: fc.nat(6) }),
    );
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 }), fc.array(opArb, { maxLength: 60 }), (capacity, ops) => {
        const cache = new LruCache<number, number>(capacity);
        const model: Array<[number, number]> = []; // oldest first
        for (const op of ops) {
          const index = model.findIndex(([key]) => key === op.key);
          if (op.kind === 'set') {
            if (index >= 0) model.splice(index, 1);
            model.push([op.key, op.value]);
            if (model.length > capacity) model.shift();
            cache.set(op.key, op.value);
          } else if (op.kind === 'get') {
            const expected = index >= 0 ? model[index][1] : undefined;
            if (index >= 0) model.push(model.splice(index, 1)[0]);
            assert.strictEqual(cache.get(op.key), expected);
          } else {
            if (index >= 0) model.splice(index, 1);
            assert.strictEqual(cache.delete(op.key), index >= 0);
          }
          assert.deepStrictEqual(cache.keys(), model.map(([key]) => key));
          assert.ok(cache.size <= capacity);
        }
      }),
    );
  });
});
