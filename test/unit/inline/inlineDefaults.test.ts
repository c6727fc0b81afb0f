import * as assert from 'assert';
import { INLINE_DEFAULTS } from '../../../src/core/inline/inlineDefaults';

describe('INLINE_DEFAULTS', () => {
  it('is frozen', () => {
    assert.ok(Object.isFrozen(INLINE_DEFAULTS));
    assert.throws(() => {
      'use strict';
      (INLINE_DEFAULTS as { cacheSize: number }).cacheSize = 1;
    }, TypeError);
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
