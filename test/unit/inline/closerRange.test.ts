import * as assert from 'node:assert/strict';
import { closersReplaced } from '../../../src/core/inline/closerRange';

/** The line as it reads after accepting: prefix + suggestion over the replaced characters. */
function accept(prefix: string, lineSuffix: string, suggestion: string): string {
  return prefix + suggestion + lineSuffix.slice(closersReplaced(suggestion, lineSuffix));
}

describe('closersReplaced: auto-closed brackets right of the cursor are never doubled', () => {
  it('a call the model writes to its end replaces the bracket the editor closed', () => {
    assert.equal(accept('console.log(', ')', '"hi");'), 'console.log("hi");');
    assert.equal(closersReplaced('"hi");', ')'), 1);
  });

  it('inside an auto-closed string and call: both closers, in order', () => {
    assert.equal(accept('console.log("', '")', 'hi");'), 'console.log("hi");');
    assert.equal(accept('f([', '])', '1, 2]);'), 'f([1, 2]);');
  });

  it('a suggestion that closes nothing is inserted before the closers', () => {
    assert.equal(accept('console.log(', ')', '"hi"'), 'console.log("hi")');
    assert.equal(accept('console.log(', ')', 'foo(1)'), 'console.log(foo(1))', 'a nested call keeps the outer bracket');
  });

  it('a suggestion that closes other brackets than the ones there replaces nothing', () => {
    assert.equal(closersReplaced('1]);', ')'), 0);
    assert.equal(closersReplaced('a) + (b', ')'), 0, 'leaves a bracket of its own open');
  });

  it('brackets inside strings of the suggestion do not count', () => {
    assert.equal(accept('log(', ')', '")(" + x);'), 'log(")(" + x);');
  });

  it('real code right of the cursor is never replaced', () => {
    assert.equal(closersReplaced('a);', ' + b)'), 0);
    assert.equal(closersReplaced('a);', ''), 0);
  });

  it('a multi-line suggestion replaces to the end of the line (trailing spaces too)', () => {
    assert.equal(closersReplaced('x => {\n  go();\n});', ')  '), 0, 'its first line does not close the bracket');
    assert.equal(closersReplaced('x);\nnext();', ')  '), 3);
  });
});
