import * as assert from 'assert';
import fc from 'fast-check';
import {
  createPostprocessContext,
  PostprocessContext,
  postprocessCompletion,
  shouldStopStream,
  StreamingPostprocessor,
} from '../../../src/core/inline/postprocess';
import { goldenFileNames, loadGoldenCases } from './goldenCases';

/**
 * What the pipeline shows for the complete lines of `raw` (as LiveCompletion did before), worked
 * out afresh: the pipeline of the context itself would reuse the lines a streaming view of it
 * balanced (closerContext.ts), a copy of the context shares nothing with it.
 */
function pipelineOnCompleteLines(context: PostprocessContext, raw: string): string {
  const end = raw.lastIndexOf('\n');
  return end <= 0 ? '' : postprocessCompletion({ ...context }, raw.slice(0, end));
}

interface Replayed {
  /** Raw text at the piece that made it enough (undefined: it never had enough). */
  rawAtEnough: string | undefined;
  reason: string | undefined;
}

/**
 * Feeds `pieces` one by one and checks, after each, that while not enough the streaming
 * result equals the whole pipeline over the complete lines.
 */
function replay(context: PostprocessContext, pieces: readonly string[], label: string): Replayed {
  const streaming = new StreamingPostprocessor(context);
  let raw = '';
  for (const piece of pieces) {
    raw += piece;
    if (streaming.append(piece)) return { rawAtEnough: raw, reason: streaming.enough };
    assert.strictEqual(streaming.text, raw);
    assert.strictEqual(streaming.shown(), pipelineOnCompleteLines(context, raw), `${label}: after ${JSON.stringify(raw)}`);
  }
  return { rawAtEnough: undefined, reason: undefined };
}

/**
 * Streams `pieces` (up to the one that made it enough) into a fresh streaming view and checks
 * that its final result, over everything or over the complete lines only, is what a fresh
 * pipeline gives for that text.
 */
function checkFinish(context: PostprocessContext, pieces: readonly string[], label: string): void {
  for (const completeOnly of [false, true]) {
    const streaming = new StreamingPostprocessor(context);
    for (const piece of pieces) if (streaming.append(piece)) break;
    const received = streaming.text;
    const text = completeOnly ? received.slice(0, received.lastIndexOf('\n') + 1) : received;
    const expected = text === '' ? '' : postprocessCompletion({ ...context }, text);
    assert.strictEqual(streaming.finish(completeOnly), expected, `${label}: finish(${completeOnly}) of ${JSON.stringify(received)}`);
  }
}

/** Splits `text` into pieces of the given sizes (cycled), as a server's tokens would. */
function split(text: string, sizes: readonly number[]): string[] {
  const pieces: string[] = [];
  for (let at = 0, i = 0; at < text.length; i++) {
    const size = Math.max(1, sizes[i % sizes.length]);
    pieces.push(text.slice(at, at + size));
    at += size;
  }
  return pieces;
}

describe('StreamingPostprocessor', () => {
  describe('equals the whole pipeline on every golden case, piece by piece', () => {
    for (const file of goldenFileNames()) {
      it(file, () => {
        for (const golden of loadGoldenCases(file)) {
          for (const sizes of [[1], [3, 1, 4], [1000]]) {
            const text = golden.completion;
            const result = replay(golden.context, split(text, sizes), `${file} / ${golden.name}`);
            if (result.rawAtEnough === undefined) continue;
            // Stopping there loses nothing the whole answer would have shown (more than
            // maxLines lines may end differently: removeSuffixDuplication sees fewer lines).
            if (result.reason !== 'maxLines') {
              assert.strictEqual(
                postprocessCompletion(golden.context, result.rawAtEnough),
                postprocessCompletion(golden.context, text),
                `${file} / ${golden.name}: stopped (${result.reason}) at ${JSON.stringify(result.rawAtEnough)}`,
              );
            }
          }
        }
      });
    }
  });

  describe('ends with what the whole pipeline gives for everything received, on every golden case', () => {
    for (const file of goldenFileNames()) {
      it(file, () => {
        for (const golden of loadGoldenCases(file)) {
          for (const sizes of [[1], [3, 1, 4], [1000]]) {
            checkFinish(golden.context, split(golden.completion, sizes), `${file} / ${golden.name}`);
            // Cut short mid-line, as a `length` stop leaves it.
            checkFinish(golden.context, split(golden.completion.slice(0, Math.ceil(golden.completion.length / 2)), sizes), `${file} / ${golden.name} (half)`);
          }
        }
      });
    }
  });

  it('finishes the last line like the others: an open line, a final line break, nothing', () => {
    const context = createPostprocessContext({ prefix: 'function f() {', suffix: '\n}', languageId: 'typescript', mode: 'multiLine', maxLines: 6 });
    const finished = (text: string, completeOnly = false): string => {
      const streaming = new StreamingPostprocessor(context);
      streaming.append(text);
      return streaming.finish(completeOnly);
    };
    assert.strictEqual(finished('\n  return 1;'), postprocessCompletion({ ...context }, '\n  return 1;'));
    assert.strictEqual(finished('\n  return 1;'), '\n  return 1;');
    assert.strictEqual(finished('\n  a();\n  return 1;\n'), postprocessCompletion({ ...context }, '\n  a();\n  return 1;\n'));
    assert.strictEqual(finished('\n  a();\n  retu', true), postprocessCompletion({ ...context }, '\n  a();\n'));
    assert.strictEqual(finished('  retu', true), '');
    assert.strictEqual(new StreamingPostprocessor(context).finish(), '');
    // The last line closes the block (kept), or leaves it (cut): as the pipeline's block rule says.
    assert.strictEqual(finished('\n  a();\n}'), postprocessCompletion({ ...context }, '\n  a();\n}'));
    assert.strictEqual(finished('\n  a();\nb();'), postprocessCompletion({ ...context }, '\n  a();\nb();'));
    assert.strictEqual(finished('\n  a();\nb();'), '\n  a();');
    // A single-line answer is its own last line, line `maxLines` itself.
    const single = createPostprocessContext({ prefix: 'const x = f(', suffix: ');', languageId: 'typescript', mode: 'singleLine', maxLines: 1 });
    for (const text of ['a, b', 'a, b);', '  a  ', '']) {
      const streaming = new StreamingPostprocessor(single);
      streaming.append(text);
      assert.strictEqual(streaming.finish(), text === '' ? '' : postprocessCompletion({ ...single }, text), JSON.stringify(text));
    }
  });

  it('says why it had enough', () => {
    const multi = createPostprocessContext({
      prefix: 'function f() {',
      suffix: '\n',
      languageId: 'typescript',
      mode: 'multiLine',
      maxLines: 4,
      stops: ['<|end|>'],
    });
    const reason = (text: string): string | undefined => {
      const streaming = new StreamingPostprocessor(multi);
      streaming.append(text);
      return streaming.enough;
    };
    assert.strictEqual(reason('\n  a();<|en'), undefined);
    assert.strictEqual(reason('\n  a();<|end|>'), 'stop');
    assert.strictEqual(reason('\n  a();\n  b();\n  c();\n'), 'maxLines');
    assert.strictEqual(reason('\n  a();\n}\n'), 'blockEnd');
    assert.strictEqual(reason('\n  a();\nfunction g() {\n'), 'blockEnd');
    const loop = createPostprocessContext({ prefix: '    ', suffix: '', languageId: 'python', mode: 'multiLine', maxLines: 50 });
    const streaming = new StreamingPostprocessor(loop);
    assert.strictEqual(streaming.append('x += 1\n    x += 1\n    x += 1\n'), false);
    assert.strictEqual(streaming.append('    x += 1\n'), true);
    assert.strictEqual(streaming.enough, 'repetition');
    assert.strictEqual(streaming.append('more\n'), true, 'stays enough');
  });

  it('finds a stop split across pieces', () => {
    const context = createPostprocessContext({ prefix: 'x = ', suffix: '', stops: ['<|endoftext|>'] });
    const streaming = new StreamingPostprocessor(context);
    for (const piece of ['foo', '<|end', 'of', 'text', '|>']) streaming.append(piece);
    assert.strictEqual(streaming.enough, 'stop');
  });

  it('agrees with shouldStopStream', () => {
    const context = createPostprocessContext({ prefix: 'if (x) {', suffix: '\n}', languageId: 'typescript', mode: 'multiLine', maxLines: 8 });
    for (const text of ['\n  a();', '\n  a();\n', '\n  a();\n}', '\n  a();\n}\n', '\n  a();\nb();\n']) {
      const streaming = new StreamingPostprocessor(context);
      assert.strictEqual(streaming.append(text), shouldStopStream(context, text), JSON.stringify(text));
    }
  });

  describe('generated streams', () => {
    const LINES = [
      '',
      '  ',
      'const a = 1;',
      '  const a = 1;',
      '    if (a) {',
      '\tif (a) {',
      '\t\treturn a;',
      '      return a;',
      '  }',
      '  } else {',
      '}',
      '});',
      'end',
      'elif x:',
      '    x += 1',
      '    x += 1  ',
      'return x',
      '  return x;',
      'a<|end|>b',
      '  foo(bar));',
    ];
    const PREFIXES = ['function f() {', 'def f(x):', '  ', '\t', 'x = ', 'if (a) {\n    ', 'foo(', '    return '];
    const SUFFIXES = ['', '\n}', ');', '\n  return x;\n}\n', '\n\n  const a = 1;\n  }\n}', ' + 1;\n'];
    const contexts = fc.record({
      prefix: fc.constantFrom(...PREFIXES),
      suffix: fc.constantFrom(...SUFFIXES),
      languageId: fc.constantFrom('typescript', 'python', 'go'),
      mode: fc.constantFrom<'singleLine' | 'multiLine'>('singleLine', 'multiLine'),
      maxLines: fc.integer({ min: 1, max: 14 }),
      insertSpaces: fc.boolean(),
      tabSize: fc.constantFrom(2, 4, 8),
      stops: fc.constantFrom<string[]>([], ['<|end|>'], ['\n\n\n'], ['<|end|>', '\nclass ']),
      repeatedLineLimit: fc.constantFrom(2, 3, 4),
    });
    const texts = fc
      .array(fc.constantFrom(...LINES), { minLength: 0, maxLength: 16 })
      .chain((lines) => fc.tuple(fc.constant(lines), fc.boolean(), fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 6 })));

    it('show what the whole pipeline shows for the complete lines, and stop only when the rest cannot matter', () => {
      fc.assert(
        fc.property(contexts, texts, (init, [lines, endsWithNewline, sizes]) => {
          const context = createPostprocessContext({ ...init, indent: { insertSpaces: init.insertSpaces, tabSize: init.tabSize } });
          const text = lines.join('\n') + (endsWithNewline ? '\n' : '');
          const result = replay(context, split(text, sizes), 'generated');
          if (result.rawAtEnough === undefined || result.reason === 'maxLines' || result.reason === 'stop') return;
          assert.strictEqual(postprocessCompletion(context, result.rawAtEnough), postprocessCompletion(context, text));
        }),
        { numRuns: 3000 },
      );
    });

    it('end with what a fresh pipeline gives for everything received, or for its complete lines', () => {
      fc.assert(
        fc.property(contexts, texts, fc.nat({ max: 40 }), (init, [lines, endsWithNewline, sizes], cut) => {
          const context = createPostprocessContext({ ...init, indent: { insertSpaces: init.insertSpaces, tabSize: init.tabSize } });
          const text = lines.join('\n') + (endsWithNewline ? '\n' : '');
          checkFinish(context, split(text, sizes), 'generated');
          checkFinish(context, split(text.slice(0, Math.max(0, text.length - cut)), sizes), 'generated, cut short');
        }),
        { numRuns: 3000 },
      );
    });

    it('give the final pass over what streamed what a fresh pipeline gives (the balanced lines it reuses)', () => {
      fc.assert(
        fc.property(
          contexts,
          texts,
          fc.integer({ min: -2, max: 0 }),
          fc.array(fc.constantFrom(...LINES), { maxLength: 3 }),
          (init, [lines, endsWithNewline, sizes], cut, more) => {
            const context = createPostprocessContext({ ...init, indent: { insertSpaces: init.insertSpaces, tabSize: init.tabSize } });
            const text = lines.join('\n') + (endsWithNewline ? '\n' : '');
            const streaming = new StreamingPostprocessor(context);
            for (const piece of split(text, sizes)) if (streaming.append(piece)) break;
            // The final text as received, shorter by some lines, or with lines the view never saw.
            const received = streaming.text.split('\n');
            const final = (cut < 0 ? received.slice(0, cut) : [...received, ...more]).join('\n');
            assert.strictEqual(postprocessCompletion(context, final), postprocessCompletion({ ...context }, final));
          },
        ),
        { numRuns: 3000 },
      );
    });
  });
});
