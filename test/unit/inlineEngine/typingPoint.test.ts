import * as assert from 'node:assert/strict';
import { typingPointOf } from '../../../src/core/inlineEngine/typingPoint';

describe('typingPointOf', () => {
  it('a cursor after a line break and only indentation is at a line start', () => {
    assert.equal(typingPointOf('def f(x):\n    '), 'lineStart');
    assert.equal(typingPointOf('func main() {\n\t'), 'lineStart');
    assert.equal(typingPointOf('a = 1\n'), 'lineStart');
    assert.equal(typingPointOf('a = 1\r\n  '), 'lineStart', 'CRLF documents too');
    assert.equal(typingPointOf('a = 1\n\n'), 'lineStart', 'an empty line');
  });

  it('anything typed on the line, or nothing typed at all, is inside a line', () => {
    assert.equal(typingPointOf('def f(x):\n    re'), 'inLine');
    assert.equal(typingPointOf('const a = 1;'), 'inLine');
    assert.equal(typingPointOf('x = {'), 'inLine');
    assert.equal(typingPointOf('    '), 'inLine', 'no line break before: the document start is no typing point');
    assert.equal(typingPointOf(''), 'inLine');
  });
});
