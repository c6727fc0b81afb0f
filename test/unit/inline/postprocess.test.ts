import * as assert from 'assert';
import fc from 'fast-check';
import type { TokenLogprob } from '../../../src/core/client/completionTypes';
import {
  columnAfter,
  createPostprocessContext,
  createPostprocessor,
  findRepetitionCut,
  isClosingLine,
  isContinuationClause,
  isLowConfidence,
  lowConfidenceFilter,
  meanTokenLogprob,
  POSTPROCESS_STEPS,
  postprocessCandidates,
  postprocessCompletion,
  shouldStopStream,
} from '../../../src/core/inline/postprocess';
import { suffixCanDuplicate } from '../../../src/core/inline/postprocess/removeSuffixDuplication';
import { trimRules } from '../../../src/core/inline/postprocess/trimWhitespace';

const tokens = (...pairs: Array<[string, number]>): TokenLogprob[] =>
  pairs.map(([token, logprob]) => ({ token, logprob, top: [] }));

describe('inline post-processing (non-golden)', () => {
  it('runs its steps in the documented order', () => {
    assert.deepStrictEqual(
      POSTPROCESS_STEPS.map((step) => step.name),
      [
        'cutAtStops',
        'matchIndentation',
        'reindentToBlock',
        'cutAtShiftedStops',
        'removeRepeatedLines',
        'limitToBlockScope',
        'dropUnmatchedClosers',
        'removeSuffixDuplication',
        'limitLines',
        'trimWhitespace',
        'dropWhitespaceOnly',
      ],
    );
  });

  it('stops running filters once a step returns ""', () => {
    const calls: string[] = [];
    const context = createPostprocessContext({ prefix: '', suffix: '' });
    const run = createPostprocessor(context, [
      { name: 'empty', factory: () => (text) => (calls.push('empty'), text === 'x' ? '' : text) },
      { name: 'after', factory: () => (text) => (calls.push('after'), text + '!') },
    ]);
    assert.strictEqual(run('x'), '');
    assert.deepStrictEqual(calls, ['empty']);
    assert.strictEqual(run('y'), 'y!');
  });

  it('postprocessCompletion runs the default pipeline', () => {
    const context = createPostprocessContext({ prefix: 'x = ', suffix: '', stops: ['\n'] });
    assert.strictEqual(postprocessCompletion(context, ' 42  \nmore'), '42');
  });

  it('postprocessCandidates drops empty results and duplicates after processing, keeping order', () => {
    const context = createPostprocessContext({ prefix: 'return ', suffix: '', languageId: 'go', stops: ['\n'] });
    assert.deepStrictEqual(postprocessCandidates(context, ['err  ', 'nil', 'err\nfoo', '   ', 'x']), ['err', 'nil', 'x']);
  });

  describe('properties over random code-like text', () => {
    const lineArb = fc
      .tuple(
        fc.constantFrom('', ' ', '  ', '    ', '\t', '\t\t', ' \t'),
        fc.constantFrom('', 'x = 1', 'return x;', '}', '});', '} else {', 'if (a) {', 'def f():', 'else:', 'foo(', ')', 'end', '"a"', '  '),
      )
      .map(([indent, code]) => indent + code);
    const textArb = fc.array(lineArb, { maxLength: 14 }).map((lines) => lines.join('\n'));
    const contextArb = fc.record({
      prefix: textArb,
      suffix: textArb,
      languageId: fc.constantFrom('typescript', 'python', 'go'),
      mode: fc.constantFrom<'singleLine' | 'multiLine'>('singleLine', 'multiLine'),
      maxLines: fc.integer({ min: 1, max: 12 }),
      indent: fc.record({ insertSpaces: fc.boolean(), tabSize: fc.integer({ min: 1, max: 8 }) }),
      stops: fc.array(fc.constantFrom('\n', '<EOT>', '\ndef ', '\n\n'), { maxLength: 3 }),
    });

    it('the pipeline never throws, respects maxLines and stops, and leaves no trailing whitespace', () => {
      fc.assert(
        fc.property(contextArb, textArb, (init, completion) => {
          const context = createPostprocessContext({ ...init, suffix: init.suffix.replace(/^[^\n]*/, '') });
          const out = postprocessCompletion(context, completion);
          assert.ok(out.split('\n').length <= context.maxLines);
          // (whitespace-only stops such as '\n\n' may reappear once trailing whitespace is trimmed)
          for (const stop of context.stops.filter((s) => s.trim() !== '')) assert.ok(!out.includes(stop), JSON.stringify(stop));
          if (context.stops.includes('\n')) assert.ok(!out.includes('\n'));
          assert.strictEqual(out, out.trimEnd());
          if (out !== '') assert.ok(out.trim() !== '');
        }),
      );
    });

    it('matchIndentation keeps the visual column and the text of every line', () => {
      const step = POSTPROCESS_STEPS.find((s) => s.name === 'matchIndentation')!;
      fc.assert(
        fc.property(contextArb, textArb, (init, completion) => {
          const context = createPostprocessContext(init);
          const out = step.factory(context)(completion).split('\n');
          const before = completion.split('\n');
          assert.strictEqual(out.length, before.length);
          for (let i = 1; i < before.length; i++) {
            const width = (line: string) => columnAfter(/^[ \t]*/.exec(line)![0], context.indent.tabSize);
            assert.strictEqual(width(out[i]), width(before[i]));
            assert.strictEqual(out[i].trimStart(), before[i].trimStart());
            if (context.indent.insertSpaces) assert.ok(!/^[ ]*\t/.test(out[i]));
          }
        }),
      );
    });
  });

  describe('lowConfidenceFilter', () => {
    it('mean over all tokens, or null without usable tokens', () => {
      assert.strictEqual(meanTokenLogprob(tokens(['a', -1], ['b', -3])), -2);
      assert.strictEqual(meanTokenLogprob([]), null);
      assert.strictEqual(meanTokenLogprob(tokens(['a', Number.NaN], ['b', -Infinity])), null);
      assert.strictEqual(meanTokenLogprob(tokens(['a', Number.NaN], ['b', -2])), -2);
    });

    it('only tokens that start inside the kept text count', () => {
      const stream = tokens(['ret', -0.1], ['urn', -0.1], [' x', -0.1], ['\n', -5], ['garbage', -9]);
      assert.ok(Math.abs(meanTokenLogprob(stream, 'return x'.length)! - -0.1) < 1e-9);
      assert.ok(!isLowConfidence(stream, -1, 'return x'.length));
      assert.ok(isLowConfidence(stream, -1));
    });

    it('hides a suggestion below the threshold, keeps it otherwise', () => {
      const filter = lowConfidenceFilter(-1);
      assert.strictEqual(filter('foo', tokens(['foo', -2.5])), '');
      assert.strictEqual(filter('foo', tokens(['foo', -0.5])), 'foo');
      assert.strictEqual(filter('foo', tokens(['foo', -1])), 'foo', 'equal to the threshold is not below it');
    });

    it('null threshold = off; no tokens = no verdict; empty text stays empty', () => {
      assert.strictEqual(lowConfidenceFilter(null)('foo', tokens(['foo', -20])), 'foo');
      assert.strictEqual(lowConfidenceFilter(-1)('foo', []), 'foo');
      assert.strictEqual(lowConfidenceFilter(-1)('', tokens(['x', -20])), '');
      assert.ok(!isLowConfidence(tokens(['x', -20]), Number.NaN));
    });
  });

  describe('shouldStopStream', () => {
    const multi = createPostprocessContext({
      prefix: 'function f() {',
      suffix: '\n',
      languageId: 'typescript',
      mode: 'multiLine',
      maxLines: 12,
      stops: ['<|endoftext|>'],
    });

    it('not while the text is still inside the block and within limits', () => {
      assert.ok(!shouldStopStream(multi, ''));
      assert.ok(!shouldStopStream(multi, '\n  const a = 1;'));
      assert.ok(!shouldStopStream(multi, '\n  const a = 1;\n}'));
    });

    it('once a complete line leaves the block', () => {
      assert.ok(shouldStopStream(multi, '\n  const a = 1;\nfunction g() {\n'));
      assert.ok(!shouldStopStream(multi, '\n  const a = 1;\nfunc'), 'the last line is still arriving');
    });

    it("as soon as the block's closing line is complete (everything after it is cut anyway)", () => {
      assert.ok(shouldStopStream(multi, '\n  const a = 1;\n}\n'));
      assert.ok(!shouldStopStream(multi, '\n  const a = 1;\n}'), 'the closing line may still go on');
      assert.strictEqual(postprocessCompletion(multi, '\n  const a = 1;\n}\nfunction g() {}\n'), '\n  const a = 1;\n}');
    });

    it('once a stop appeared', () => {
      assert.ok(shouldStopStream(multi, 'x<|endoftext|>'));
    });

    it('once more than maxLines lines started', () => {
      const four = { ...multi, maxLines: 4 };
      assert.ok(!shouldStopStream(four, '\n  a();\n  b();\n  c();'));
      assert.ok(shouldStopStream(four, '\n  a();\n  b();\n  c();\n'));
      assert.ok(!shouldStopStream(multi, '\n  a();\n  b();\n  c();\n'));
      const single = createPostprocessContext({ prefix: 'x = ', suffix: '' });
      assert.ok(!shouldStopStream(single, 'foo('));
      assert.ok(shouldStopStream(single, 'foo()\n'));
    });

    it('once a repetition loop is certain', () => {
      const loop = createPostprocessContext({ prefix: '    ', suffix: '', languageId: 'python', mode: 'multiLine', maxLines: 50 });
      assert.ok(shouldStopStream(loop, 'x += 1\n    x += 1\n    x += 1\n    x += 1\n'));
      assert.ok(!shouldStopStream(loop, 'x += 1\n    x += 1\n    x += 1\n'));
    });
  });

  describe('helpers', () => {
    it('trimRules and suffixCanDuplicate read whitespace as \\s does, for every UTF-16 code unit', () => {
      for (let code = 0; code < 0x10000; code++) {
        const ch = String.fromCharCode(code);
        const space = /\s/.test(ch);
        const at = (prefix: string, suffix: string) => createPostprocessContext({ prefix, suffix });
        assert.strictEqual(trimRules(at('x', `${ch}y`)).keepFinalSpace, !space, `keepFinalSpace, U+${code.toString(16)}`);
        assert.strictEqual(suffixCanDuplicate(at('x', `\n ${ch}\t`)), !space, `suffixCanDuplicate, U+${code.toString(16)}`);
      }
      assert.strictEqual(trimRules(createPostprocessContext({ prefix: 'let a =\t', suffix: '' })).afterSpace, true);
      assert.strictEqual(trimRules(createPostprocessContext({ prefix: 'let a = ', suffix: '' })).afterSpace, true);
      assert.strictEqual(trimRules(createPostprocessContext({ prefix: '    ', suffix: '' })).afterSpace, false, 'only indentation');
      assert.strictEqual(trimRules(createPostprocessContext({ prefix: 'let a =', suffix: '' })).afterSpace, false);
      assert.strictEqual(trimRules(createPostprocessContext({ prefix: '', suffix: '' })).afterSpace, false);
    });

    it('isClosingLine', () => {
      for (const line of ['}', '  });', ']', ')', '  end', '</div>', '},']) assert.ok(isClosingLine(line), line);
      for (const line of ['} else {', 'endpoint = 1', 'return }', '']) assert.ok(!isClosingLine(line), line);
    });

    it('isContinuationClause', () => {
      assert.ok(isContinuationClause('  } else {', 'typescript'));
      assert.ok(isContinuationClause('} catch (e) {', 'javascript'));
      assert.ok(isContinuationClause('\tcase 1:', 'go'));
      assert.ok(isContinuationClause('\tdefault:', 'go'));
      assert.ok(isContinuationClause('    elif x > 0:', 'python'));
      assert.ok(isContinuationClause('except ValueError as e:', 'python'));
      assert.ok(!isContinuationClause('else:', 'typescript'));
      assert.ok(!isContinuationClause('return x', 'python'));
    });

    it('findRepetitionCut', () => {
      assert.strictEqual(findRepetitionCut(['a', 'a', 'a', 'a'], 4), 1);
      assert.strictEqual(findRepetitionCut(['a', 'a', 'a'], 4), -1);
      assert.strictEqual(findRepetitionCut(['x', 'a', 'b', 'c', 'a', 'b', 'c', 'a', 'b', 'c'], 3), 4);
      assert.strictEqual(findRepetitionCut(['', '', '', '', ''], 2), -1);
      assert.strictEqual(findRepetitionCut(['a', 'a'], 0), 1, 'a limit below 2 counts as 2');
    });

    it('columnAfter honours tab stops from the start column', () => {
      assert.strictEqual(columnAfter('\t', 4), 4);
      assert.strictEqual(columnAfter('  \t', 4), 4);
      assert.strictEqual(columnAfter('\t', 4, 2), 4);
      assert.strictEqual(columnAfter(' \t ', 8), 9);
      assert.strictEqual(columnAfter('\t', 0), 1, 'tab size < 1 counts as 1');
    });

    it('createPostprocessContext defaults', () => {
      const single = createPostprocessContext({ prefix: 'a', suffix: 'b' });
      assert.deepStrictEqual(single, {
        prefix: 'a',
        suffix: 'b',
        languageId: '',
        mode: 'singleLine',
        maxLines: 1,
        indent: { insertSpaces: true, tabSize: 4 },
        stops: [],
        repeatedLineLimit: 4,
      });
      assert.strictEqual(createPostprocessContext({ prefix: '', suffix: '', mode: 'multiLine' }).maxLines, 12);
    });
  });
});
