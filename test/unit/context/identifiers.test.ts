import * as assert from 'assert';
import { identifiersBeforeCursor, identifiersIn, identifierSet } from '../../../src/core/context/identifiers';

describe('context/identifiers', () => {
  it('finds identifiers, leaving out keywords and one-letter names', () => {
    assert.deepStrictEqual(identifiersIn('const total = sumOf(items, i) + $scale;'), ['total', 'sumOf', 'items', '$scale']);
    assert.deepStrictEqual(identifiersIn('def parse_config(path): return None'), ['parse_config', 'path']);
  });

  it('does not take digits-first words or parts of numbers', () => {
    assert.deepStrictEqual(identifiersIn('x1 = 42abc + 0x1F'), ['x1']);
  });

  it('identifierSet holds each name once', () => {
    assert.deepStrictEqual([...identifierSet('foo(foo, bar.foo)')].sort(), ['bar', 'foo']);
  });

  it('identifiersBeforeCursor: the last lines only, nearest first, each name once at its nearest offset', () => {
    const prefix = 'import { far } from "x";\nconst a = far;\nconst cfg = loadConfig(path);\nclient.send(cfg, ';
    const found = identifiersBeforeCursor(prefix, 2, 8);
    assert.deepStrictEqual(
      found.map((entry) => entry.name),
      ['cfg', 'send', 'client', 'path', 'loadConfig'],
    );
    const cfg = found[0];
    assert.strictEqual(prefix.slice(cfg.offset, cfg.offset + 3), 'cfg');
    assert.ok(cfg.offset > prefix.lastIndexOf('\n'), 'the nearest occurrence of cfg is on the cursor line');
  });

  it('identifiersBeforeCursor keeps a keyword used as a name: a method after a dot, or called', () => {
    assert.deepStrictEqual(identifiersBeforeCursor('gen.if(', 1, 8).map((entry) => entry.name), ['if', 'gen']);
    assert.deepStrictEqual(identifiersBeforeCursor('x = type(value) && or(', 1, 8).map((entry) => entry.name), ['or', 'value', 'type']);
    assert.deepStrictEqual(identifiersBeforeCursor('return new Thing', 1, 8).map((entry) => entry.name), ['Thing']);
  });

  it('identifiersBeforeCursor stops at max and copes with a prefix of one line', () => {
    assert.deepStrictEqual(identifiersBeforeCursor('alpha beta gamma delta', 3, 2).map((entry) => entry.name), ['delta', 'gamma']);
    assert.deepStrictEqual(identifiersBeforeCursor('', 3, 2), []);
  });
});
