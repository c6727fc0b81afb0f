import * as assert from 'assert';
import { composeContextPrompt, contextCandidates } from '../../../src/core/context/contextPrompt';
import type { ContextDocument, ContextSnippet, WorkspaceContextSnapshot } from '../../../src/core/context/contextTypes';
import { FIM_TEMPLATES } from '../../../src/core/inline/fimTemplates';

const definition: ContextSnippet = { kind: 'definition', path: 'lib/tax.ts', startLine: 0, text: 'export function tax(net: number, rate: number): number {' };
const edit: ContextSnippet = { kind: 'recentEdit', path: 'lib/cart.ts', startLine: 4, text: 'cart.total = sum(cart.items);' };
const tab: ContextDocument = { kind: 'openEditor', path: 'lib/invoice.ts', text: 'const gross = tax(invoice.net, invoice.rate);\nprintInvoice(invoice);' };
const self: ContextDocument = { kind: 'openEditor', path: 'src/main.ts', text: 'const gross = tax(invoice.net, invoice.rate);' };

function snapshot(): WorkspaceContextSnapshot {
  return { signature: 's1', repoName: 'shop', currentPath: 'src/main.ts', snippets: () => [definition, edit], documents: () => [tab, self] };
}

const budget = { maxPromptChars: 8000, maxPrefixChars: 4000, maxPrefixLines: 200, maxSuffixChars: 1000, maxSuffixLines: 40 };

describe('context/contextPrompt', () => {
  it('puts definitions, recent edits and similar open-editor windows into the prompt, reporting paths and sizes only', () => {
    const result = composeContextPrompt({
      strategy: { kind: 'template', template: FIM_TEMPLATES.qwen },
      languageId: 'typescript',
      prefix: 'const invoice = load();\nconst gross = tax(invoice.',
      suffix: '',
      budget,
      workspace: snapshot(),
    });
    assert.ok(result.prompt.includes(definition.text));
    assert.ok(result.prompt.includes(edit.text));
    assert.ok(result.prompt.includes('printInvoice(invoice);'));
    assert.deepStrictEqual(result.used, [
      { kind: 'definition', path: 'lib/tax.ts', chars: definition.text.length },
      { kind: 'recentEdit', path: 'lib/cart.ts', chars: edit.text.length },
      { kind: 'openEditor', path: 'lib/invoice.ts', chars: tab.text.length },
    ]);
    assert.ok(!JSON.stringify(result.used).includes('printInvoice'), 'the report holds no text');
  });

  it('the current file never comes back as its own open-editor snippet', () => {
    const candidates = contextCandidates(snapshot(), 'const gross = tax(invoice.');
    assert.ok(!candidates.some((candidate) => candidate.path === 'src/main.ts'));
  });

  it('each source can be turned off', () => {
    const prefix = 'const gross = tax(invoice.';
    const paths = (switches: { definitions: boolean; recentFiles: boolean; openEditors: boolean }) =>
      contextCandidates(snapshot(), prefix, switches).map((candidate) => candidate.path);
    assert.deepStrictEqual(paths({ definitions: false, recentFiles: true, openEditors: true }), ['lib/cart.ts', 'lib/invoice.ts']);
    assert.deepStrictEqual(paths({ definitions: true, recentFiles: false, openEditors: true }), ['lib/tax.ts', 'lib/invoice.ts']);
    assert.deepStrictEqual(paths({ definitions: true, recentFiles: true, openEditors: false }), ['lib/tax.ts', 'lib/cart.ts']);
  });

  it('without a snapshot the prompt is the file-only prompt', () => {
    const result = composeContextPrompt({
      strategy: { kind: 'template', template: FIM_TEMPLATES.qwen },
      languageId: 'typescript',
      prefix: 'a(',
      suffix: ')',
      budget,
    });
    assert.strictEqual(result.prompt, FIM_TEMPLATES.qwen.render('a(', ')'));
    assert.deepStrictEqual(result.used, []);
  });

  it('plain text with a comment-only format carries no context', () => {
    const result = composeContextPrompt({ strategy: { kind: 'prefixOnly' }, languageId: 'plaintext', prefix: 'tax', suffix: '', budget, workspace: snapshot() });
    assert.strictEqual(result.prompt, 'tax');
  });
});
