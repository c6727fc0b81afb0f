import * as assert from 'node:assert/strict';
import { INLINE_DEFAULTS } from '../../../src/core/inline/inlineDefaults';
import { fromLf, toLf } from '../../../src/core/inlineEngine/lineEndings';
import { typedSince } from '../../../src/core/inlineEngine/typedSince';
import { SETTING_RULES } from '../../../src/core/settings/settingRules';

describe('typedSince', () => {
  it('a short (whole-document) prefix must be extended exactly', () => {
    assert.equal(typedSince('let a', 'let abc', 10, 100), 'bc');
    assert.equal(typedSince('let a', 'let a', 10, 100), '');
    assert.equal(typedSince('let a', 'xlet abc', 10, 100), undefined);
    assert.equal(typedSince('let a', 'let', 10, 100), undefined);
    assert.equal(typedSince('', 'abc', 10, 100), 'abc');
    assert.equal(typedSince('let a', 'let abcdef', 3, 100), undefined, 'more typed than allowed');
  });

  it('a long prefix is recognised by its tail, although the window slid', () => {
    const doc = 'x'.repeat(50) + '0123456789abcdefghij';
    const origin = doc.slice(-30); // the window at the origin
    const later = (doc + 'TYPED').slice(-30); // the same-size window after typing
    assert.equal(typedSince(origin, later, 10, 10), 'TYPED');
    assert.equal(typedSince(origin, doc.slice(-30), 10, 10), '');
    assert.equal(typedSince(origin, (doc.slice(0, -1) + 'Z' + 'TYPED').slice(-30), 10, 10), undefined);
  });
});

describe('lineEndings', () => {
  it('converts CRLF documents to \\n and back', () => {
    assert.equal(toLf('a\r\nb\r\n', '\r\n'), 'a\nb\n');
    assert.equal(fromLf('a\nb', '\r\n'), 'a\r\nb');
    assert.equal(fromLf('a\nb', '\n'), 'a\nb');
    assert.equal(toLf('a\r\nb', '\n'), 'a\r\nb', 'an LF document is left alone');
  });
});

describe('ghost-text settings and the engine defaults', () => {
  it('agree', () => {
    assert.equal(SETTING_RULES['inline.debounceMs'].default, INLINE_DEFAULTS.debounceBaseMs);
    assert.equal(SETTING_RULES['inline.maxPrefixChars'].default, INLINE_DEFAULTS.maxPrefixChars);
    assert.equal(SETTING_RULES['inline.maxSuffixChars'].default, INLINE_DEFAULTS.maxSuffixChars);
    assert.equal(SETTING_RULES['inline.maxTokens'].default, INLINE_DEFAULTS.singleLineMaxTokens);
    assert.equal(SETTING_RULES['inline.multiLineMaxTokens'].default, INLINE_DEFAULTS.multiLineMaxTokens);
    assert.equal(SETTING_RULES['inline.maxLines'].default, INLINE_DEFAULTS.multiLineMaxLines);
    assert.equal(SETTING_RULES['inline.candidates'].default, INLINE_DEFAULTS.explicitCandidates);
    assert.equal(SETTING_RULES['inline.minMeanLogprob'].default, INLINE_DEFAULTS.lowConfidenceThreshold);
    assert.equal(SETTING_RULES.temperature.default, INLINE_DEFAULTS.temperature);
    assert.equal(SETTING_RULES.topP.default, INLINE_DEFAULTS.topP);
    assert.equal(SETTING_RULES.stream.default, INLINE_DEFAULTS.stream);
  });
});
