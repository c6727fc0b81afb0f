import * as assert from 'assert';
import {
  buildInlineRequest,
  InlineRequestInput,
  InlineRequestOutcome,
  InlineRequestPlan,
} from '../../../src/core/inline/inlineRequestBuilder';

function input(overrides: Partial<InlineRequestInput> = {}): InlineRequestInput {
  return {
    prefix: 'def add(a, b):\n    ',
    suffix: '\n\nprint(add(1, 2))\n',
    languageId: 'python',
    model: 'gpt-3.5-turbo-instruct',
    fimSetting: 'auto',
    useSuffixParam: false,
    userStops: [],
    explicit: false,
    candidates: 3,
    ...overrides,
  };
}
function plan(outcome: InlineRequestOutcome): InlineRequestPlan {
  assert.strictEqual(outcome.kind, 'request', JSON.stringify(outcome));
  return outcome as InlineRequestPlan;
}

describe('buildInlineRequest', () => {
  it('prefix only for a model without a template (multi-line on a blank line in a body)', () => {
    const p = plan(buildInlineRequest(input()));
    assert.deepStrictEqual(p.body, {
      model: 'gpt-3.5-turbo-instruct',
      prompt: 'def add(a, b):\n    ',
      max_tokens: 256,
      temperature: 0.2,
      top_p: 1,
      n: 1,
      stream: true,
      stop: ['\ndef ', '\nclass ', '\nif __name__', '\n@'],
    });
    assert.strictEqual(p.mode, 'multiLine');
    assert.strictEqual(p.modeReason, 'blockBody');
    assert.strictEqual(p.maxLines, 12);
    assert.strictEqual(p.strategyName, 'prefixOnly');
  });

  it('a FIM template from the model name puts prefix and suffix in the prompt, template stops first', () => {
    const p = plan(buildInlineRequest(input({ model: 'qwen2.5-coder:7b-base', prefix: 'x = ', suffix: '\n' })));
    assert.strictEqual(p.body.prompt, '<|fim_prefix|>x = <|fim_suffix|>\n<|fim_middle|>');
    assert.strictEqual(p.body.suffix, undefined);
    assert.strictEqual(p.mode, 'singleLine');
    assert.strictEqual(p.body.max_tokens, 48);
    assert.deepStrictEqual(p.body.stop, ['\n', '<|endoftext|>', '<|file_sep|>', '<|fim_pad|>']);
    assert.strictEqual(p.strategyName, 'template:qwen');
    // Post-processing still knows the stops that did not fit.
    assert.ok(p.postprocess.stops.includes('<|repo_name|>'));
  });

  it("'suffixParam' sends the API suffix field; an empty suffix is left out", () => {
    const withSuffix = plan(buildInlineRequest(input({ fimSetting: 'suffixParam' })));
    assert.strictEqual(withSuffix.body.prompt, 'def add(a, b):\n    ');
    assert.strictEqual(withSuffix.body.suffix, '\n\nprint(add(1, 2))\n');
    const noSuffix = plan(buildInlineRequest(input({ fimSetting: 'suffixParam', suffix: '' })));
    assert.ok(!('suffix' in noSuffix.body));
  });

  it("'auto' with useSuffixParam and an unknown model sends the suffix field", () => {
    const p = plan(buildInlineRequest(input({ useSuffixParam: true })));
    assert.strictEqual(p.strategyName, 'suffixParam');
    assert.strictEqual(p.body.suffix, '\n\nprint(add(1, 2))\n');
  });

  it("'none' sends the prefix only, even for a FIM model", () => {
    const p = plan(buildInlineRequest(input({ fimSetting: 'none', model: 'deepseek-coder-6.7b', useSuffixParam: true })));
    assert.strictEqual(p.body.prompt, 'def add(a, b):\n    ');
    assert.ok(!('suffix' in p.body));
  });

  it('an explicit template overrides the model name', () => {
    const p = plan(buildInlineRequest(input({ fimSetting: 'codestral', model: 'my-local-model' })));
    assert.strictEqual(p.body.prompt, '[SUFFIX]\n\nprint(add(1, 2))\n[PREFIX]def add(a, b):\n    ');
  });

  it('stops: mode, template end token, user, other template stops, language — never more than 4 (issue 10 item 5)', () => {
    const p = plan(
      buildInlineRequest(input({ model: 'codellama-7b', userStops: ['# END'], prefix: 'def f():', suffix: '' })),
    );
    assert.strictEqual(p.mode, 'multiLine');
    // The user's stop is sent even though the template alone has 5 stops.
    assert.deepStrictEqual(p.body.stop, ['<EOT>', '# END', '</s>', '<PRE>']);
    assert.deepStrictEqual(p.body.stopsLeftOut, ['<SUF>', '<MID>', '\ndef ', '\nclass ', '\nif __name__', '\n@']);
    assert.deepStrictEqual(p.postprocess.stops, ['<EOT>', '# END', '</s>', '<PRE>', '<SUF>', '<MID>', '\ndef ', '\nclass ', '\nif __name__', '\n@']);
    // A Qwen template (6 stops) and 4 user stops: the end token, then the user's first three; the rest is named.
    const many = plan(buildInlineRequest(input({ model: 'qwen2.5-coder:1.5b', userStops: ['A1', 'B2', 'C3', 'D4'] })));
    assert.deepStrictEqual(many.body.stop, ['<|endoftext|>', 'A1', 'B2', 'C3']);
    assert.deepStrictEqual(many.body.stopsLeftOut?.slice(0, 2), ['D4', '<|file_sep|>']);
    const user = plan(buildInlineRequest(input({ userStops: ['# END', '\n\n\n'], prefix: 'def f():', suffix: '' })));
    assert.deepStrictEqual(user.body.stop, ['# END', '\n\n\n', '\ndef ', '\nclass ']);
  });

  it('n is 1 on automatic triggers and the configured candidates on explicit ones', () => {
    assert.strictEqual(plan(buildInlineRequest(input({ candidates: 5 }))).body.n, 1);
    assert.strictEqual(plan(buildInlineRequest(input({ explicit: true, candidates: 5 }))).body.n, 5);
    assert.strictEqual(plan(buildInlineRequest(input({ explicit: true, candidates: 0 }))).body.n, 1);
  });

  it('mid-line: skipped when automatic, single-line when explicit', () => {
    const mid = { prefix: 'total = ', suffix: 'price * qty\n' };
    assert.deepStrictEqual(buildInlineRequest(input(mid)), { kind: 'skip', reason: 'midLine' });
    const p = plan(buildInlineRequest(input({ ...mid, explicit: true })));
    assert.strictEqual(p.modeReason, 'midLineExplicit');
    assert.deepStrictEqual(p.body.stop, ['\n']);
  });

  it('a selected IntelliSense item is applied before the cursor so the suggestion extends it', () => {
    const p = plan(
      buildInlineRequest(
        input({
          languageId: 'typescript',
          prefix: 'const n = items.le',
          suffix: '\n',
          selectedCompletionInfo: { rangeText: 'le', text: 'length' },
        }),
      ),
    );
    assert.strictEqual(p.body.prompt, 'const n = items.length');
    assert.strictEqual(p.effectivePrefix, 'const n = items.length');
    assert.strictEqual(p.postprocess.prefix, 'const n = items.length');
    assert.deepStrictEqual(p.selectedItem, { replaceLength: 2, text: 'length' });
    assert.strictEqual(p.mode, 'singleLine');
  });

  it('the applied item also decides the mode (an item ending in "(" opens a block)', () => {
    const p = plan(
      buildInlineRequest(
        input({ languageId: 'typescript', prefix: 'foo.ma', suffix: '', selectedCompletionInfo: { rangeText: 'ma', text: 'map(' } }),
      ),
    );
    assert.strictEqual(p.modeReason, 'blockOpener');
  });

  it('skips when the item range is not the text before the cursor', () => {
    const outcome = buildInlineRequest(input({ prefix: 'x.fo', selectedCompletionInfo: { rangeText: 'ba', text: 'bar' } }));
    assert.deepStrictEqual(outcome, { kind: 'skip', reason: 'selectedItemMismatch' });
  });

  it('no selected item → no selectedItem field', () => {
    assert.ok(!('selectedItem' in plan(buildInlineRequest(input()))));
  });

  it('applies the prompt window budgets', () => {
    const prefix = Array.from({ length: 100 }, (_, i) => `line${i}`).join('\n') + '\nx = ';
    const p = plan(
      buildInlineRequest(input({ prefix, suffix: '\n' + 'y\n'.repeat(100) }), {
        maxPrefixChars: 30,
        maxSuffixLines: 3,
      }),
    );
    assert.strictEqual(p.body.prompt, 'line97\nline98\nline99\nx = ');
    const suffixPlan = plan(
      buildInlineRequest(input({ prefix, suffix: '\n' + 'y\n'.repeat(100), fimSetting: 'suffixParam' }), { maxSuffixLines: 3 }),
    );
    assert.strictEqual(suffixPlan.body.suffix, '\ny\ny');
  });

  it('config overrides reach the body', () => {
    const p = plan(buildInlineRequest(input(), { temperature: 0.7, topP: 0.9, stream: false, multiLineMaxTokens: 100, logprobs: 2 }));
    assert.strictEqual(p.body.temperature, 0.7);
    assert.strictEqual(p.body.top_p, 0.9);
    assert.strictEqual(p.body.stream, false);
    assert.strictEqual(p.body.max_tokens, 100);
    assert.strictEqual(p.body.logprobs, 2);
  });

  it('logprobs: omitted when off, raised to 1 when the low-confidence filter is on', () => {
    assert.ok(!('logprobs' in plan(buildInlineRequest(input())).body));
    const on = plan(buildInlineRequest(input(), { lowConfidenceThreshold: -1 }));
    assert.strictEqual(on.body.logprobs, 1);
    assert.strictEqual(on.lowConfidenceThreshold, -1);
    assert.strictEqual(plan(buildInlineRequest(input(), { lowConfidenceThreshold: -1, logprobs: 3 })).body.logprobs, 3);
  });

  it('post-processing context: mode, max lines, indentation, language', () => {
    const p = plan(buildInlineRequest(input({ indent: { insertSpaces: false, tabSize: 8 }, languageId: 'go', prefix: 'func f() {', suffix: '\n}' })));
    assert.strictEqual(p.postprocess.mode, 'multiLine');
    assert.strictEqual(p.postprocess.maxLines, 12);
    assert.deepStrictEqual(p.postprocess.indent, { insertSpaces: false, tabSize: 8 });
    assert.strictEqual(p.postprocess.languageId, 'go');
    assert.strictEqual(p.postprocess.suffix, '\n}');
    // Post-processing sees the suffix even when none is sent.
    const noSuffixBudget = plan(buildInlineRequest(input({ suffix: '\n}\n' }), { maxSuffixChars: 0 }));
    assert.strictEqual(noSuffixBudget.postprocess.suffix, '\n}\n');
  });

  describe('cache fingerprint', () => {
    it('does not change with the mode or n (they follow from prefix, suffix and trigger)', () => {
      const multi = plan(buildInlineRequest(input({ prefix: 'def f():\n    ' })));
      const single = plan(buildInlineRequest(input({ prefix: 'def f():\n    r', explicit: true })));
      assert.notStrictEqual(multi.mode, single.mode);
      assert.strictEqual(multi.cacheFingerprint, single.cacheFingerprint);
    });

    it('changes with the model, the template, the temperature, user stops and indentation', () => {
      const base = plan(buildInlineRequest(input())).cacheFingerprint;
      const variants = [
        buildInlineRequest(input({ model: 'other' })),
        buildInlineRequest(input({ fimSetting: 'starcoder' })),
        buildInlineRequest(input(), { temperature: 0.9 }),
        buildInlineRequest(input({ userStops: ['END'] })),
        buildInlineRequest(input({ indent: { insertSpaces: false, tabSize: 4 } })),
        buildInlineRequest(input(), { singleLineMaxTokens: 10 }),
      ].map((outcome) => plan(outcome).cacheFingerprint);
      for (const variant of variants) assert.notStrictEqual(variant, base);
      assert.strictEqual(new Set(variants).size, variants.length);
    });

    it('plans with the effective prefix: the selected suggestion-list item is part of it', () => {
      const p = plan(buildInlineRequest(input({ prefix: 'a.b', suffix: '', selectedCompletionInfo: { rangeText: 'b', text: 'bar' } })));
      assert.strictEqual(p.effectivePrefix, 'a.bar');
    });
  });
});
