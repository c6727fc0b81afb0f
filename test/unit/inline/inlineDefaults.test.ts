import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { INLINE_DEFAULTS } from '../../../src/core/inline/inlineDefaults';

const packageJson = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../../package.json'), 'utf8'));
function settingDefault(name: string): unknown {
  for (const group of packageJson.contributes.configuration) {
    const property = group.properties[`cometComplete.${name}`];
    if (property) return property.default;
  }
  throw new Error(`no setting cometComplete.${name}`);
}

describe('INLINE_DEFAULTS', () => {
  it('is frozen', () => {
    assert.ok(Object.isFrozen(INLINE_DEFAULTS));
    assert.throws(() => {
      'use strict';
      (INLINE_DEFAULTS as { cacheSize: number }).cacheSize = 1;
    }, TypeError);
  });

  it('matches the package.json default of every setting it mirrors', () => {
    const mirrored: Array<[keyof typeof INLINE_DEFAULTS, string]> = [
      ['debounceBaseMs', 'inline.debounceMs'],
      ['maxPrefixChars', 'inline.maxPrefixChars'],
      ['maxSuffixChars', 'inline.maxSuffixChars'],
      ['maxPromptChars', 'inline.maxPromptChars'],
      ['explicitCandidates', 'inline.candidates'],
      ['temperature', 'temperature'],
      ['topP', 'topP'],
      ['stream', 'stream'],
      ['logprobs', 'logprobs'],
    ];
    for (const [key, setting] of mirrored) assert.strictEqual(INLINE_DEFAULTS[key], settingDefault(setting), key);
  });

  it('has the documented request shape and switches', () => {
    assert.strictEqual(INLINE_DEFAULTS.singleLineMaxTokens, 48);
    assert.strictEqual(INLINE_DEFAULTS.multiLineMaxTokens, 256);
    assert.strictEqual(INLINE_DEFAULTS.multiLineMaxLines, 12);
    assert.strictEqual(INLINE_DEFAULTS.explicitCandidates, 3);
    assert.strictEqual(INLINE_DEFAULTS.maxStops, 4);
    assert.strictEqual(INLINE_DEFAULTS.lowConfidenceThreshold, null, 'low-confidence filter is off by default');
  });

  it('keeps its bounds consistent', () => {
    assert.ok(INLINE_DEFAULTS.debounceMinFactor > 0 && INLINE_DEFAULTS.debounceMinFactor < 1);
    assert.ok(INLINE_DEFAULTS.debounceMaxFactor > 1);
    assert.ok(INLINE_DEFAULTS.debounceEmaAlpha > 0 && INLINE_DEFAULTS.debounceEmaAlpha <= 1);
    assert.ok(INLINE_DEFAULTS.singleLineMaxTokens < INLINE_DEFAULTS.multiLineMaxTokens);
    assert.ok(INLINE_DEFAULTS.cacheKeyPrefixChars <= INLINE_DEFAULTS.maxPrefixChars);
    assert.ok(INLINE_DEFAULTS.cacheTypeThroughMaxChars < INLINE_DEFAULTS.cacheKeyPrefixChars);
    assert.ok(INLINE_DEFAULTS.repeatedLineLimit >= 2);
  });
});
