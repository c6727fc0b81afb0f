/**
 * Workspace context through the request builder and the engine: what goes into the body,
 * the one budget, and the cache key (a suggestion made with other context is not reused).
 */
import * as assert from 'assert';
import type { ContextSnippet, ContextUsage, WorkspaceContextSnapshot } from '../../../src/core/context/contextTypes';
import { buildInlineRequest, InlineRequestInput, InlineRequestPlan } from '../../../src/core/inline/inlineRequestBuilder';
import { contextAt, harness, settingsWith, token } from '../inlineEngine/engineTestKit';

const definition: ContextSnippet = {
  kind: 'definition',
  path: 'src/tax.ts',
  startLine: 2,
  text: 'export function grossOf(net: number, ratePercent: number): number {',
};

function workspace(signature: string, snippets: ContextSnippet[] = [definition], used: ContextUsage[][] = []): WorkspaceContextSnapshot {
  return {
    signature,
    repoName: 'shop',
    currentPath: 'src/main.ts',
    snippets: () => snippets,
    documents: () => [],
    noteUsed: (report) => used.push([...report]),
  };
}

const input = (extra: Partial<InlineRequestInput> = {}): InlineRequestInput => ({
  prefix: 'const price = grossOf(',
  suffix: '',
  languageId: 'typescript',
  model: 'qwen2.5-coder-7b',
  fimSetting: 'auto',
  useSuffixParam: false,
  userStops: [],
  explicit: true,
  candidates: 1,
  ...extra,
});

function plan(extra: Partial<InlineRequestInput> = {}, config = {}): InlineRequestPlan {
  const outcome = buildInlineRequest(input(extra), config);
  assert.equal(outcome.kind, 'request');
  return outcome as InlineRequestPlan;
}

describe('workspace context in the ghost-text request', () => {
  it('the prompt carries the definition in the model’s repository format and the plan reports it', () => {
    const built = plan({ workspace: workspace('w1') });
    assert.ok(built.body.prompt.startsWith('<|repo_name|>shop\n<|file_sep|>src/tax.ts\n' + definition.text));
    assert.ok(built.body.prompt.endsWith('<|file_sep|>src/main.ts\n<|fim_prefix|>const price = grossOf(<|fim_suffix|><|fim_middle|>'));
    assert.deepEqual(built.contextUsed, [{ kind: 'definition', path: 'src/tax.ts', chars: definition.text.length }]);
  });

  it('a source turned off sends nothing from it', () => {
    const built = plan({ workspace: workspace('w1'), contextSources: { definitions: false, recentFiles: true, openEditors: true } });
    assert.ok(!built.body.prompt.includes('grossOf(net'));
    assert.deepEqual(built.contextUsed, []);
  });

  it('the cache fingerprint names the context: other context, other fingerprint; same context, same one', () => {
    assert.notEqual(plan({ workspace: workspace('w1') }).cacheFingerprint, plan({ workspace: workspace('w2') }).cacheFingerprint);
    assert.equal(plan({ workspace: workspace('w1') }).cacheFingerprint, plan({ workspace: workspace('w1') }).cacheFingerprint);
    assert.notEqual(plan().cacheFingerprint, plan({ workspace: workspace('w1') }).cacheFingerprint);
  });

  it('the prompt never exceeds inline.maxPromptChars, the current file first', () => {
    const long = Array.from({ length: 400 }, (_, i) => `const v${i} = ${i};`).join('\n') + '\nconst price = grossOf(';
    const built = plan({ prefix: long, workspace: workspace('w1') }, { maxPromptChars: 1200 });
    assert.ok(built.body.prompt.length <= 1200, `${built.body.prompt.length}`);
    assert.ok(built.body.prompt.includes('const price = grossOf(<|fim_suffix|>'));
    assert.deepEqual(built.contextUsed, [], 'the prefix took the whole budget');
  });

  it('the engine sends the context, logs what went in, and does not reuse a suggestion made with other context', async () => {
    const used: ContextUsage[][] = [];
    const h = harness(settingsWith((settings) => (settings.model = 'qwen2.5-coder')));
    const first = h.engine.suggest(contextAt('const price = ', { workspace: workspace('w1', [definition], used) }), token().signal);
    await h.clock.advance(150);
    assert.ok(h.server.last.body.prompt.includes(definition.text));
    h.server.last.send('grossOf(net, 20);').finish();
    assert.deepEqual((await first).items, ['grossOf(net, 20);']);
    assert.deepEqual(used, [[{ kind: 'definition', path: 'src/tax.ts', chars: definition.text.length }]]);

    const same = await h.engine.suggest(contextAt('const price = ', { workspace: workspace('w1') }), token().signal);
    assert.deepEqual(same.items, ['grossOf(net, 20);']);
    assert.notEqual(same.source, 'request', 'same context: served without a request');
    assert.equal(h.server.requests.length, 1);

    const other = workspace('w2', [{ ...definition, text: 'export function grossOf(ratePercent: number, net: number): number {' }]);
    void h.engine.suggest(contextAt('const price = ', { workspace: other }), token().signal);
    await h.clock.advance(1000);
    assert.equal(h.server.requests.length, 2);
    assert.ok(h.server.last.body.prompt.includes('grossOf(ratePercent: number, net'));
  });
});
