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

describe('closersReplaced: a one-line suggestion right after an auto-closed bracket (issue 15, in the real editor)', () => {
  it('a condition going on after the call: `if (items.count(|))` and `) > 0) {` closes both, opens a block', () => {
    assert.equal(accept('if (items.count(', '))', ') > 0) {'), 'if (items.count() > 0) {');
    assert.equal(accept('if (count(', '))', 'a) > 0 && count(b) > 0) {'), 'if (count(a) > 0 && count(b) > 0) {');
    assert.equal(accept('items.forEach(', ')', '(x) => log(x)).then(() => {'), 'items.forEach((x) => log(x)).then(() => {');
  });

  it('a suggestion closing only the first closers replaces those; the others stay after it', () => {
    assert.equal(accept('if (count(', '))', 'a) > 0'), 'if (count(a) > 0)');
    assert.equal(accept('foo(count(', '));', 'x) + 1'), 'foo(count(x) + 1);');
    assert.equal(accept('log("', '")', 'hi", () => {'), 'log("hi", () => {)');
    assert.equal(closersReplaced('a) > 0', '))'), 1);
  });

  it('it closes more than the closers there (a bracket of the line before the cursor too): the closers go', () => {
    assert.equal(accept('if (items.count(', ')', ') > 0) {'), 'if (items.count() > 0) {');
  });

  it('an unfinished line or one that closes nothing still replaces nothing', () => {
    assert.equal(accept('const n = count(', ')', 'a, foo(b'), 'const n = count(a, foo(b)');
    assert.equal(accept('promise.then(', ')', '(x) => {'), 'promise.then((x) => {)');
    assert.equal(closersReplaced('a) + (b', ')'), 0);
  });

  it('a multi-line suggestion replaces all the closers or none', () => {
    assert.equal(closersReplaced(') > 0) {\n  return;\n}', '))'), 2);
    assert.equal(closersReplaced('a) > 0 &&\n  b)', '))'), 0);
  });
});
