import * as assert from 'node:assert/strict';
import { isLanguageEnabled, withLanguageEnabled } from '../../../src/core/settings/languageToggle';

describe('per-language ghost text toggle', () => {
  it('reads a language, falling back to * and then to on', () => {
    assert.equal(isLanguageEnabled({ '*': true, markdown: false }, 'markdown'), false);
    assert.equal(isLanguageEnabled({ '*': false }, 'python'), false);
    assert.equal(isLanguageEnabled({}, 'python'), true);
  });

  it('adds an entry only when it differs from *, without changing the input', () => {
    const map = { '*': true, markdown: false };
    assert.deepEqual(withLanguageEnabled(map, 'python', false), { '*': true, markdown: false, python: false });
    assert.deepEqual(withLanguageEnabled(map, 'markdown', true), { '*': true });
    assert.deepEqual(withLanguageEnabled({ '*': false }, 'python', true), { '*': false, python: true });
    assert.deepEqual(withLanguageEnabled({}, 'python', true), {});
    assert.deepEqual(map, { '*': true, markdown: false });
  });
});
