import * as assert from 'assert';
import { asComment, commentSyntaxFor } from '../../../src/core/context/commentSyntax';
import { canCarryContext, contextFormatFor, ContextMeta } from '../../../src/core/context/contextFormats';
import type { ContextSnippet } from '../../../src/core/context/contextTypes';
import { FIM_TEMPLATES, PromptStrategy } from '../../../src/core/inline/fimTemplates';

const meta: ContextMeta = { repoName: 'shop', currentPath: 'src/main.ts', languageId: 'typescript' };
const snippet: ContextSnippet = { kind: 'definition', path: 'src/tax.ts', startLine: 3, text: 'export function tax(net: number, rate: number): number' };
const template = (id: keyof typeof FIM_TEMPLATES): PromptStrategy => ({ kind: 'template', template: FIM_TEMPLATES[id] });

function render(strategy: PromptStrategy, snippets: ContextSnippet[], prefix = 'const t = tax(', suffix = ');') {
  const format = contextFormatFor(strategy);
  const context = snippets.length === 0 ? '' : format.lead(meta) + snippets.map((s) => format.piece(s, meta)).join('');
  return format.render(context, meta, prefix, suffix);
}

describe('context/contextFormats', () => {
  it('Qwen2.5-Coder: repository-level format with <|repo_name|> and <|file_sep|>', () => {
    assert.strictEqual(
      render(template('qwen'), [snippet]).prompt,
      '<|repo_name|>shop\n<|file_sep|>src/tax.ts\nexport function tax(net: number, rate: number): number\n' +
        '<|file_sep|>src/main.ts\n<|fim_prefix|>const t = tax(<|fim_suffix|>);<|fim_middle|>',
    );
  });

  it('StarCoder2: <repo_name>, <file_sep> per file, the current path inside <fim_prefix>', () => {
    assert.strictEqual(
      render(template('starcoder'), [snippet]).prompt,
      '<repo_name>shop<file_sep>src/tax.ts\nexport function tax(net: number, rate: number): number' +
        '<file_sep><fim_prefix>src/main.ts\nconst t = tax(<fim_suffix>);<fim_middle>',
    );
  });

  it('DeepSeek-Coder: path comments before each file, inside <｜fim▁begin｜>', () => {
    assert.strictEqual(
      render(template('deepseek'), [snippet]).prompt,
      '<｜fim▁begin｜>// src/tax.ts\nexport function tax(net: number, rate: number): number\n// src/main.ts\nconst t = tax(<｜fim▁hole｜>);<｜fim▁end｜>',
    );
  });

  it('Codestral: +++++ path blocks inside [PREFIX], suffix first', () => {
    assert.strictEqual(
      render(template('codestral'), [snippet]).prompt,
      '[SUFFIX]);[PREFIX]+++++ src/tax.ts\nexport function tax(net: number, rate: number): number\n\n+++++ src/main.ts\nconst t = tax(',
    );
  });

  it('other strategies: snippets as comments in the file’s syntax before the prefix', () => {
    const prefixOnly = render({ kind: 'prefixOnly' }, [snippet]);
    assert.strictEqual(
      prefixOnly.prompt,
      '// Path: src/tax.ts\n// export function tax(net: number, rate: number): number\n\n// Path: src/main.ts\nconst t = tax(',
    );
    assert.strictEqual(prefixOnly.suffix, undefined);
    const suffixParam = render({ kind: 'suffixParam' }, [snippet]);
    assert.strictEqual(suffixParam.prompt, prefixOnly.prompt);
    assert.strictEqual(suffixParam.suffix, ');');
    assert.ok(render(template('codellama'), [snippet]).prompt.startsWith('<PRE> // Path: src/tax.ts\n'));
  });

  it('without snippets every format renders exactly what the strategy renders alone', () => {
    for (const id of Object.keys(FIM_TEMPLATES) as (keyof typeof FIM_TEMPLATES)[]) {
      assert.strictEqual(render(template(id), []).prompt, FIM_TEMPLATES[id].render('const t = tax(', ');'), id);
    }
    assert.deepStrictEqual(render({ kind: 'prefixOnly' }, []), { prompt: 'const t = tax(' });
  });

  it('comments follow the language: # for Python, a block for CSS that cannot be closed early', () => {
    assert.strictEqual(asComment('a\n\nb', commentSyntaxFor('python')!), '# a\n#\n# b\n');
    assert.strictEqual(asComment('x */ y', commentSyntaxFor('css')!), '/* x * / y */\n');
    assert.strictEqual(commentSyntaxFor('plaintext'), undefined);
    assert.ok(!canCarryContext({ kind: 'prefixOnly' }, 'plaintext'));
    assert.ok(canCarryContext(template('qwen'), 'plaintext'), 'repository formats need no comment syntax');
  });
});
