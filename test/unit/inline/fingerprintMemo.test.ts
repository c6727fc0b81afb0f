import * as assert from 'assert';
import { stableFingerprint } from '../../../src/core/inline/completionCacheKey';
import { FingerprintMemo } from '../../../src/core/inline/fingerprintMemo';

describe('FingerprintMemo', () => {
  const settings = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
    model: 'm',
    languageId: 'go',
    userStops: ['\n\n'],
    indent: { insertSpaces: true, tabSize: 4 },
    config: { temperature: 0.2, logprobs: null, maxPrefixChars: 4000 },
    ...overrides,
  });

  it('gives what stableFingerprint gives, for new and for remembered values', () => {
    const memo = new FingerprintMemo();
    const values = [
      settings(),
      settings(),
      settings({ model: 'n' }),
      settings({ userStops: ['\n', '\n'] }),
      settings({ userStops: ['\n\n', undefined] }),
      settings({ config: { temperature: 0.3, logprobs: null, maxPrefixChars: 4000 } }),
      settings({ indent: { tabSize: 4, insertSpaces: true } }),
      settings({ languageId: 'python' }),
      settings(),
      'text',
      ['text'],
      null,
      settings({ config: { temperature: NaN } }),
      settings({ config: { temperature: NaN } }),
    ];
    for (const value of values) assert.strictEqual(memo.of(value), stableFingerprint(value), JSON.stringify(value));
  });

  it('reads the value anew each time: a changed field is a new fingerprint', () => {
    const memo = new FingerprintMemo();
    const value = settings();
    const before = memo.of(value);
    (value.config as Record<string, unknown>).temperature = 0.9;
    assert.notStrictEqual(memo.of(value), before);
    assert.strictEqual(memo.of(value), stableFingerprint(value));
  });

  it('tells structure apart, not only the leaves', () => {
    const memo = new FingerprintMemo();
    for (const value of [{ a: [1, 2] }, { a: [[1], 2] }, { a: [1, [2]] }, { a: { 0: 1, 1: 2 } }, ['a', 1, 2], { a: 1, b: 2 }, { a: 1, c: 2 }]) {
      assert.strictEqual(memo.of(value), stableFingerprint(value), JSON.stringify(value));
    }
  });

  it('remembers several values, and stays right past its capacity', () => {
    const memo = new FingerprintMemo(2);
    const values = ['go', 'python', 'rust', 'go', 'rust', 'python'].map((languageId) => settings({ languageId }));
    for (const value of values) assert.strictEqual(memo.of(value), stableFingerprint(value));
  });

  it('fingerprints deeply nested values without remembering them', () => {
    let deep: unknown = 'leaf';
    for (let i = 0; i < 20; i++) deep = { inner: deep };
    const memo = new FingerprintMemo();
    assert.strictEqual(memo.of(deep), stableFingerprint(deep));
    assert.strictEqual(memo.of(deep), stableFingerprint(deep));
  });
});
