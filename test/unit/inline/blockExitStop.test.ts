import * as assert from 'node:assert/strict';
import { blockExitStop, mayHaveStoppedAtBlockExit } from '../../../src/core/inline/blockExitStop';
import { buildInlineRequest } from '../../../src/core/inline/inlineRequestBuilder';

describe('blockExitStop', () => {
  it('in a brace block inside another: the enclosing block\'s whole closing line', () => {
    const prefix = 'func f() {\n\tfor _, w := range words {\n\t\tif w == "" {\n\t\t\t';
    assert.equal(blockExitStop(prefix), '\n\t}\n');
    assert.equal(blockExitStop('function f(items) {\n  for (const item of items) {\n    '), '\n}\n');
  });

  it('never matches inside the cursor\'s own block, so a correctly indented answer is cut only after its block', () => {
    const prefix = 'func f() {\n\tfor _, w := range words {\n\t\t';
    const stop = blockExitStop(prefix)!;
    const answer = 'if w == "" {\n\t\t\tcontinue\n\t\t}\n\t\tcount++\n\t}\n\treturn count\n}\n';
    assert.equal(answer.slice(0, answer.indexOf(stop)), 'if w == "" {\n\t\t\tcontinue\n\t\t}\n\t\tcount++\n\t}\n\treturn count');
  });

  it('is a whole line: `});` or `} else {` at that indentation do not match', () => {
    const stop = blockExitStop('describe("x", () => {\n  it("y", () => {\n    ')!;
    assert.equal(stop, '\n}\n');
    assert.ok(!'\n    a();\n  });\n});'.includes(stop));
    assert.ok(!'\n  if (a) {\n    b();\n} else {\n'.includes(stop));
  });

  it('skips blank lines and deeper lines above the cursor', () => {
    assert.equal(blockExitStop('class A {\n  run() {\n    const a = {\n      b: 1,\n    };\n\n    '), '\n}\n');
  });

  it('none at the top level, in a block directly at the top level, or when an opener is no brace', () => {
    assert.equal(blockExitStop('function f() {\n  '), undefined, 'the function body: nothing encloses it');
    assert.equal(blockExitStop('const x = 1;\n'), undefined);
    assert.equal(blockExitStop('def f(x):\n    if x:\n        '), undefined, 'Python');
    assert.equal(blockExitStop('if (a) {\n  call(a,\n    '), undefined, 'a continuation line');
    assert.equal(blockExitStop(''), undefined);
  });
});

describe('mayHaveStoppedAtBlockExit', () => {
  const stop = '\n  }\n';

  it('without the server\'s word: only a `stop` finish that left a block the answer opened still open', () => {
    assert.equal(mayHaveStoppedAtBlockExit(stop, 'if (a) {\n    b();', 'stop', undefined), true, 'its own closer was the stop');
    assert.equal(mayHaveStoppedAtBlockExit(stop, 'b();\n  c();', 'stop', undefined), false, 'balanced: an end-of-text token');
    assert.equal(mayHaveStoppedAtBlockExit(stop, 'if (a) {\n    b();\n  }', 'stop', undefined), false);
    assert.equal(mayHaveStoppedAtBlockExit(stop, 'if (a) {\n    b();', 'length', undefined), false, 'cut by max_tokens');
    assert.equal(mayHaveStoppedAtBlockExit(stop, 'if (a) {\n    b();', null, undefined), false, 'no finish reason');
    assert.equal(mayHaveStoppedAtBlockExit(undefined, 'if (a) {\n    b();', 'stop', undefined), false, 'no block-exit stop sent');
  });

  it('with vLLM\'s stop_reason: exactly when it names this stop', () => {
    assert.equal(mayHaveStoppedAtBlockExit(stop, 'b();', 'stop', stop), true, 'even with balanced braces');
    assert.equal(mayHaveStoppedAtBlockExit(stop, 'if (a) {\n    b();', 'stop', null), false, 'end of text');
    assert.equal(mayHaveStoppedAtBlockExit(stop, 'if (a) {\n    b();', 'stop', '\nfunction '), false, 'another stop');
    assert.equal(mayHaveStoppedAtBlockExit(stop, 'if (a) {\n    b();', 'stop', 151643), false, 'a stop token');
  });
});

describe('buildInlineRequest: the block-exit stop', () => {
  const input = {
    prefix: 'func f() {\n\tfor _, w := range words {\n\t\t',
    suffix: '',
    languageId: 'go',
    model: 'gpt-3.5-turbo-instruct',
    explicit: false,
    candidates: 1,
    userStops: [],
    fimSetting: 'auto',
    useSuffixParam: false,
  } as unknown as Parameters<typeof buildInlineRequest>[0];

  it('multi-line requests send it before the language stops; post-processing does not cut at it', () => {
    const plan = buildInlineRequest(input);
    assert.ok(plan.kind === 'request' && plan.mode === 'multiLine');
    assert.deepEqual(plan.body.stop, ['\n}\n', '\nfunc ', '\ntype ', '\nvar ']);
    assert.deepEqual(plan.body.stopsLeftOut, ['\nconst ']);
    assert.equal(plan.blockExitStop, '\n}\n');
    assert.ok(!plan.postprocess.stops.includes('\n}\n'));
    assert.ok(plan.postprocess.stops.includes('\nconst '), 'the language stop left off the wire is still cut at');
  });

  it('single-line requests, and multi-line ones whose four wire stops are taken, do without it', () => {
    const single = buildInlineRequest({ ...input, prefix: `${input.prefix}count` });
    assert.ok(single.kind === 'request' && single.blockExitStop === undefined && !(single.body.stop ?? []).includes('\n}\n'));
    const full = buildInlineRequest({ ...input, userStops: ['A', 'B', 'C', 'D'] });
    assert.ok(full.kind === 'request' && full.blockExitStop === undefined);
    assert.deepEqual(full.body.stop, ['A', 'B', 'C', 'D']);
  });
});
