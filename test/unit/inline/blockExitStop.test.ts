import * as assert from 'node:assert/strict';
import { blockExitStop } from '../../../src/core/inline/blockExitStop';
import { buildInlineRequest } from '../../../src/core/inline/inlineRequestBuilder';

describe('blockExitStop', () => {
  it('in a brace block inside another: the enclosing block\'s closer line', () => {
    const prefix = 'func f() {\n\tfor _, w := range words {\n\t\tif w == "" {\n\t\t\t';
    assert.equal(blockExitStop(prefix), '\n\t}');
    assert.equal(blockExitStop('function f(items) {\n  for (const item of items) {\n    '), '\n}');
  });

  it('never matches inside the cursor\'s own block, so it never cuts what is shown', () => {
    const prefix = 'func f() {\n\tfor _, w := range words {\n\t\t';
    const stop = blockExitStop(prefix)!;
    const answer = 'if w == "" {\n\t\t\tcontinue\n\t\t}\n\t\tcount++\n\t}\n\treturn count\n}\n';
    const cut = answer.slice(0, answer.indexOf(stop));
    assert.equal(cut, 'if w == "" {\n\t\t\tcontinue\n\t\t}\n\t\tcount++\n\t}\n\treturn count', 'the function\'s closer, after the loop\'s');
  });

  it('skips blank lines and deeper lines above the cursor', () => {
    const prefix = 'class A {\n  run() {\n    const a = {\n      b: 1,\n    };\n\n    ';
    assert.equal(blockExitStop(prefix), '\n}');
  });

  it('none at the top level, in a block directly at the top level\'s edge, or when an opener is no brace', () => {
    assert.equal(blockExitStop('function f() {\n  '), undefined, 'the function body: nothing encloses it');
    assert.equal(blockExitStop('const x = 1;\n'), undefined);
    assert.equal(blockExitStop('def f(x):\n    if x:\n        '), undefined, 'Python');
    assert.equal(blockExitStop('if (a) {\n  call(a,\n    '), undefined, 'a continuation line');
    assert.equal(blockExitStop(''), undefined);
  });

  it('multi-line ghost-text requests carry it on the wire before the language stops; single-line ones do not', () => {
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
    const multi = buildInlineRequest(input);
    assert.equal(multi.kind, 'request');
    if (multi.kind !== 'request') return;
    assert.equal(multi.mode, 'multiLine');
    assert.deepEqual(multi.body.stop, ['\n}', '\nfunc ', '\ntype ', '\nvar ']);
    const single = buildInlineRequest({ ...input, prefix: 'func f() {\n\tfor _, w := range words {\n\t\tcount' });
    assert.ok(single.kind === 'request' && !(single.body.stop ?? []).includes('\n}'));
  });
});
