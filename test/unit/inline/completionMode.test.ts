import * as assert from 'assert';
import {
  cursorLineContext,
  CursorLineContext,
  decideCompletionMode,
  endsWithBlockOpener,
  endsWithContinuation,
  isClosersOnly,
  isMidLine,
  ModeDecision,
} from '../../../src/core/inline/completionMode';

function decide(context: CursorLineContext, explicit = false): ModeDecision {
  return decideCompletionMode(context, { explicit });
}
function summary(decision: ModeDecision): string {
  return decision.kind === 'skip' ? `skip:${decision.reason}` : `${decision.mode}:${decision.reason}`;
}

describe('completionMode', () => {
  describe('decideCompletionMode — one case per rule', () => {
    const cases: Array<[string, CursorLineContext, string]> = [
      ['mid-line before real code, automatic', { linePrefix: 'foo(', lineSuffix: 'bar)' }, 'skip:midLine'],
      ['closers only after the cursor', { linePrefix: 'print(', lineSuffix: ')' }, 'singleLine:beforeClosers'],
      ['quotes, semicolon and comma are closers', { linePrefix: 'x = f("a', lineSuffix: `"', \`]);` }, 'singleLine:beforeClosers'],
      ['opener followed by its auto-closed pair stays single-line', { linePrefix: 'if (x) {', lineSuffix: '}' }, 'singleLine:beforeClosers'],
      ['end of line after {', { linePrefix: 'function f() {', lineSuffix: '' }, 'multiLine:blockOpener'],
      ['end of line after (', { linePrefix: 'createServer(', lineSuffix: '' }, 'multiLine:blockOpener'],
      ['end of line after [', { linePrefix: 'const xs = [', lineSuffix: '   ' }, 'multiLine:blockOpener'],
      ['end of line after =>', { linePrefix: 'const f = () =>', lineSuffix: '' }, 'multiLine:blockOpener'],
      ['python colon', { linePrefix: 'def f(x):', lineSuffix: '', languageId: 'python' }, 'multiLine:blockOpener'],
      ['colon outside python is not an opener', { linePrefix: '  case 1:', lineSuffix: '', languageId: 'typescript' }, 'singleLine:endOfLine'],
      ['lua then', { linePrefix: 'if x > 0 then', lineSuffix: '', languageId: 'lua' }, 'multiLine:blockOpener'],
      ['shell do', { linePrefix: 'for f in *; do', lineSuffix: '', languageId: 'shellscript' }, 'multiLine:blockOpener'],
      ['ruby do |x|', { linePrefix: 'items.each do |item|', lineSuffix: '', languageId: 'ruby' }, 'multiLine:blockOpener'],
      ['blank line after a trailing comma', { linePrefix: '  ', lineSuffix: '', previousLine: '  a: 1,' }, 'singleLine:continuedExpression'],
      ['blank line after an operator', { linePrefix: '    ', lineSuffix: '', previousLine: 'const ok = a &&' }, 'singleLine:continuedExpression'],
      ['blank line after a backslash', { linePrefix: '', lineSuffix: '', previousLine: 'x = 1 + \\' }, 'singleLine:continuedExpression'],
      ['blank line under an opener', { linePrefix: '    ', lineSuffix: '', previousLine: 'def f():', languageId: 'python' }, 'multiLine:blockBody'],
      ['blank line under a statement', { linePrefix: '  ', lineSuffix: '', previousLine: '  x := 1' }, 'multiLine:blankLine'],
      ['blank first line of a file', { linePrefix: '', lineSuffix: '' }, 'multiLine:blankLine'],
      ['blank line after i++ is not a continuation', { linePrefix: '', lineSuffix: '', previousLine: 'i++' }, 'multiLine:blankLine'],
      ['blank line after a block comment end is not a continuation', { linePrefix: '', lineSuffix: '', previousLine: ' */' }, 'multiLine:blankLine'],
      ['end of a line of code', { linePrefix: 'return x', lineSuffix: '' }, 'singleLine:endOfLine'],
      ['identifier ending in "do" is not an opener', { linePrefix: 'const todo', lineSuffix: '' }, 'singleLine:endOfLine'],
    ];
    for (const [name, context, expected] of cases) {
      it(`${name} → ${expected}`, () => assert.strictEqual(summary(decide(context)), expected));
    }

    it('mid-line on an explicit trigger → single-line', () => {
      assert.strictEqual(summary(decide({ linePrefix: 'foo(', lineSuffix: 'bar)' }, true)), 'singleLine:midLineExplicit');
    });

    it('an explicit trigger does not change the other rules', () => {
      assert.strictEqual(summary(decide({ linePrefix: 'function f() {', lineSuffix: '' }, true)), 'multiLine:blockOpener');
    });
  });

  describe('request shape', () => {
    it('single-line: 48 tokens, 1 line, newline stop', () => {
      const decision = decide({ linePrefix: 'return x', lineSuffix: '' });
      assert.deepStrictEqual(decision, {
        kind: 'complete',
        mode: 'singleLine',
        reason: 'endOfLine',
        maxTokens: 48,
        maxLines: 1,
        stopAdditions: ['\n'],
      });
    });

    it('multi-line: 256 tokens, 12 lines, no stop of its own', () => {
      const decision = decide({ linePrefix: '', lineSuffix: '' });
      assert.deepStrictEqual(decision, {
        kind: 'complete',
        mode: 'multiLine',
        reason: 'blankLine',
        maxTokens: 256,
        maxLines: 12,
        stopAdditions: [],
      });
    });

    it('limits can be overridden', () => {
      const single = decideCompletionMode({ linePrefix: 'x', lineSuffix: '' }, { limits: { singleLineMaxTokens: 20 } });
      const multi = decideCompletionMode({ linePrefix: '', lineSuffix: '' }, { limits: { multiLineMaxTokens: 99, multiLineMaxLines: 3 } });
      assert.ok(single.kind === 'complete' && single.maxTokens === 20);
      assert.ok(multi.kind === 'complete' && multi.maxTokens === 99 && multi.maxLines === 3);
    });
  });

  describe('helpers', () => {
    it('endsWithBlockOpener', () => {
      assert.ok(endsWithBlockOpener('if (x) {  '));
      assert.ok(endsWithBlockOpener('else:', 'python'));
      assert.ok(!endsWithBlockOpener('else:', 'go'));
      assert.ok(!endsWithBlockOpener('   '));
      assert.ok(!endsWithBlockOpener('return x'));
    });

    it('endsWithContinuation', () => {
      for (const line of ['a,', 'x = y +', 'a ||', 'a ??', 'x =', 'cond ?', 'path \\']) assert.ok(endsWithContinuation(line), line);
      for (const line of ['i--', 'x++', '/* c */', 'f = () =>', 'return x;', '']) assert.ok(!endsWithContinuation(line), line);
    });

    it('isClosersOnly', () => {
      assert.ok(isClosersOnly(');'));
      assert.ok(isClosersOnly(' ]} '));
      assert.ok(isClosersOnly(''));
      assert.ok(!isClosersOnly(') + 1'));
    });

    it('isMidLine: the automatic skip of decideCompletionMode, from the suffix alone', () => {
      const suffixes = ['', '\n', ')', ');\nfoo', ' ]} ', 'bar)', ') + 1', '\t\n x', ' \u00a0', 'x\ny', '"\'`', ',;\n\n'];
      for (const suffix of suffixes) {
        const skips = decideCompletionMode(cursorLineContext('let a = ', suffix)).kind === 'skip';
        assert.strictEqual(isMidLine(suffix), skips, JSON.stringify(suffix));
      }
      assert.ok(isMidLine('bar)'));
      assert.ok(!isMidLine(');\nanything else'));
    });

    it('the last-character shortcuts agree with the full patterns', () => {
      // Every ending the patterns know, and near misses, after a few kinds of line.
      const endings = ['do', 'then', 'else', 'begin', 'repeat', 'undo', 'elsewhere', 'do |x|', 'do |a, b|', '|x|', 'x |', 'a ||',
        ',', '\\', '+', '++', '-', '--', '*', '*/', '/', '%', '&&', '&', '||', '??', '?', '=', '=>', '==', ':', '{', '(', '[', 'x', ';', ''];
      for (const start of ['', 'items.each ', 'x = y ', '  if a ']) {
        for (const ending of endings) {
          const line = start + ending + '  ';
          const trimmed = line.trimEnd();
          const opener = /[{([]$/.test(trimmed) || trimmed.endsWith('=>') ||
            /(?:^|[^\w$])(?:do|then|else|begin|repeat)$/.test(trimmed) || /(?:^|\W)do\s*\|[^|]*\|$/.test(trimmed);
          const continuation = /(?:,|\\|\+|-|\*|\/|%|&&|\|\||\?\?|\?|=|\||&)$/.test(trimmed) &&
            !/(?:\+\+|--|\*\/)$/.test(trimmed) && !trimmed.endsWith('=>');
          assert.strictEqual(endsWithBlockOpener(line), opener, `opener ${JSON.stringify(line)}`);
          assert.strictEqual(endsWithContinuation(line), continuation, `continuation ${JSON.stringify(line)}`);
        }
      }
    });

    it('cursorLineContext splits prefix and suffix around the cursor line', () => {
      assert.deepStrictEqual(cursorLineContext('a\nb\n  c', 'd)\ne', 'go'), {
        linePrefix: '  c',
        lineSuffix: 'd)',
        previousLine: 'b',
        languageId: 'go',
      });
      assert.deepStrictEqual(cursorLineContext('only', 'rest'), {
        linePrefix: 'only',
        lineSuffix: 'rest',
        previousLine: '',
        languageId: undefined,
      });
      assert.strictEqual(cursorLineContext('\nx', '').previousLine, '');
      assert.strictEqual(cursorLineContext('a\n', '').previousLine, 'a');
    });
  });
});
