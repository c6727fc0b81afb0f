import * as assert from 'assert';
import fc from 'fast-check';
import { contextFormatFor, ContextMeta } from '../../../src/core/context/contextFormats';
import type { ContextSnippet } from '../../../src/core/context/contextTypes';
import { budgetPrompt, formatCost, PromptBudget, renderedChars } from '../../../src/core/context/promptBudget';
import { FIM_TEMPLATES, PromptStrategy } from '../../../src/core/inline/fimTemplates';

const meta: ContextMeta = { repoName: 'repo', currentPath: 'main.ts', languageId: 'typescript' };
const qwen: PromptStrategy = { kind: 'template', template: FIM_TEMPLATES.qwen };
const budget = (maxPromptChars: number, more: Partial<PromptBudget> = {}): PromptBudget => ({
  maxPromptChars,
  maxPrefixChars: 4000,
  maxPrefixLines: 200,
  maxSuffixChars: 1000,
  maxSuffixLines: 40,
  ...more,
});
const snip = (kind: ContextSnippet['kind'], path: string, text: string, startLine = 0): ContextSnippet => ({ kind, path, startLine, text });

describe('context/promptBudget', () => {
  it('spends what the current file leaves on snippets, definitions before recent edits before open editors', () => {
    const prefix = 'let x = 1;\n'.repeat(20);
    const candidates = [
      snip('openEditor', 'c.ts', 'const fromTab = 1;'),
      snip('recentEdit', 'b.ts', 'const edited = 2;'),
      snip('definition', 'a.ts', 'function defined() {}'),
    ];
    const result = budgetPrompt(prefix, '', candidates, contextFormatFor(qwen), meta, budget(10000));
    assert.deepStrictEqual(result.chosen.map((s) => s.path), ['a.ts', 'b.ts', 'c.ts']);
    assert.ok(result.prompt.indexOf('a.ts') < result.prompt.indexOf('b.ts'));
    assert.strictEqual(result.window.prefix, prefix, 'the whole prefix fits');
  });

  it('the current file always wins: a tight budget cuts snippets before the prefix', () => {
    const prefix = 'line of code here;\n'.repeat(100); // 1900 chars
    const bare = renderedChars(contextFormatFor(qwen).render('', meta, '', ''));
    const result = budgetPrompt(prefix, 'tail();\n', [snip('definition', 'a.ts', 'x'.repeat(500))], contextFormatFor(qwen), meta, budget(1000));
    assert.deepStrictEqual(result.chosen, []);
    assert.ok(result.window.prefixCut);
    assert.ok(result.window.prefix.length >= 1000 - bare - 'line of code here;\n'.length, 'the prefix takes all it can');
    assert.ok(renderedChars(result) <= 1000);
  });

  it('a snippet too long for what is left goes in cut to its first lines; a later smaller one still fits', () => {
    const long = Array.from({ length: 50 }, (_, i) => `field${i}: number;`).join('\n');
    const result = budgetPrompt(
      'const a = 1;\n',
      '',
      [snip('definition', 'big.ts', long), snip('recentEdit', 'small.ts', 'ok();')],
      contextFormatFor(qwen),
      meta,
      budget(400),
    );
    const big = result.chosen.find((s) => s.path === 'big.ts');
    assert.ok(big && big.text.split('\n').length >= 3 && big.text.length < long.length);
    assert.ok(long.startsWith(big.text));
    assert.ok(renderedChars(result) <= 400);
  });

  it('drops snippets already in view and ones overlapping a snippet taken', () => {
    const prefix = 'function helper() { return 1; }\nhelper(';
    const result = budgetPrompt(
      prefix,
      '',
      [
        snip('definition', 'main.ts', 'function helper() { return 1; }'),
        snip('definition', 'u.ts', 'a\nb\nc', 10),
        snip('openEditor', 'u.ts', 'b\nc\nd', 11),
      ],
      contextFormatFor(qwen),
      meta,
      budget(5000),
    );
    assert.deepStrictEqual(result.chosen.map((s) => `${s.path}:${s.startLine}`), ['u.ts:10']);
  });

  it('never exceeds the budget, for any format, text and budget', () => {
    const strategies: PromptStrategy[] = [
      ...Object.values(FIM_TEMPLATES).map((template) => ({ kind: 'template', template }) as PromptStrategy),
      { kind: 'suffixParam' },
      { kind: 'prefixOnly' },
    ];
    const text = fc.string({ maxLength: 400, unit: fc.constantFrom('a', 'b', ' ', '\n', '*/', '{', 'é') });
    const kind = fc.constantFrom<ContextSnippet['kind']>('definition', 'recentEdit', 'openEditor', 'recentView');
    fc.assert(
      fc.property(
        fc.constantFrom(...strategies),
        text,
        text,
        fc.array(fc.record({ kind, path: fc.constantFrom('a.ts', 'b.ts', 'c/d.ts'), startLine: fc.nat(50), text }), { maxLength: 6 }),
        fc.integer({ min: 60, max: 2000 }),
        (strategy, prefix, suffix, candidates, total) => {
          const result = budgetPrompt(prefix, suffix, candidates, contextFormatFor(strategy), meta, budget(total, { maxPrefixChars: 800, maxSuffixChars: 300 }));
          return renderedChars(result) <= total && prefix.endsWith(result.window.prefix) && suffix.startsWith(result.window.suffix);
        },
      ),
    );
  });

  it('without snippets a prompt is exactly the format\'s bare cost plus the prefix and the suffix it sends (what formatCost relies on)', () => {
    const strategies: PromptStrategy[] = [
      ...Object.values(FIM_TEMPLATES).map((template) => ({ kind: 'template', template }) as PromptStrategy),
      { kind: 'suffixParam' },
      { kind: 'prefixOnly' },
    ];
    const text = fc.string({ maxLength: 200, unit: fc.constantFrom('a', ' ', '\n', '<|', '{', 'é') });
    const languages = ['typescript', 'python', 'plaintext', 'html'];
    fc.assert(
      fc.property(fc.constantFrom(...strategies), fc.constantFrom(...languages), text, text, (strategy, languageId, prefix, suffix) => {
        const format = contextFormatFor(strategy);
        const where = { ...meta, languageId };
        const cost = formatCost(format, where);
        const rendered = format.render('', where, prefix, suffix);
        return renderedChars(rendered) === cost.bareChars + prefix.length + (cost.sendsSuffix ? suffix.length : 0);
      }),
    );
    assert.strictEqual(formatCost(contextFormatFor({ kind: 'prefixOnly' }), meta).sendsSuffix, false);
    assert.strictEqual(formatCost(contextFormatFor({ kind: 'suffixParam' }), meta).sendsSuffix, true);
    assert.strictEqual(formatCost(contextFormatFor(qwen), meta).sendsSuffix, true);
  });

  it('a cost given by the caller gives the same prompt as one worked out here', () => {
    const format = contextFormatFor(qwen);
    const candidates = [snip('definition', 'a.ts', 'function defined() {}\n'.repeat(10))];
    for (const total of [100, 400, 2000]) {
      const own = budgetPrompt('let x = 1;\n'.repeat(30), 'tail();\n', candidates, format, meta, budget(total));
      const given = budgetPrompt('let x = 1;\n'.repeat(30), 'tail();\n', candidates, format, meta, budget(total), 3, formatCost(format, meta));
      assert.deepStrictEqual(given, own);
    }
  });
});
