import * as assert from 'assert';
import { SESSION_SERVER_KINDS } from '../../../src/core/connection/serverKind';
import { planInlineRequest, RequestFingerprints } from '../../../src/core/inlineEngine/engineRequest';
import type { InlineContext } from '../../../src/core/inlineEngine/inlineEngineTypes';
import type { CometSettings } from '../../../src/core/settings/cometSettings';
import { defaultSettings } from '../../../src/core/settings/settingsValidator';

const context = (more: Partial<InlineContext> = {}): InlineContext => ({
  documentId: 'file:///a.ts',
  languageId: 'typescript',
  prefix: 'function add(a: number, b: number) {\n  ',
  suffix: '\n}\n',
  explicit: false,
  ...more,
});

type Variation = [name: string, settings: (s: CometSettings) => void, context?: Partial<InlineContext>];

/** Every input of a request's shape (requestShape.ts), changed one at a time. */
const SHAPE_INPUTS: Variation[] = [
  ['model', (s) => (s.model = 'qwen2.5-coder:7b-base')],
  ['temperature', (s) => (s.temperature = 0.7)],
  ['topP', (s) => (s.topP = 0.5)],
  ['stream', (s) => (s.stream = false)],
  ['useSuffix', (s) => (s.useSuffix = !s.useSuffix)],
  ['stop', (s) => (s.stop = ['// end'])],
  ['stop split otherwise', (s) => (s.stop = ['//', ' end'])],
  ['inline.maxPrefixChars', (s) => (s.inline.maxPrefixChars = 500)],
  ['inline.maxSuffixChars', (s) => (s.inline.maxSuffixChars = 100)],
  ['inline.maxTokens', (s) => (s.inline.maxTokens = 17)],
  ['inline.multiLineMaxTokens', (s) => (s.inline.multiLineMaxTokens = 99)],
  ['inline.maxLines', (s) => (s.inline.maxLines = 3)],
  ['inline.fimTemplate', (s) => (s.inline.fimTemplate = 'none')],
  ['inline.minMeanLogprob', (s) => (s.inline.minMeanLogprob = -1.5)],
  ['inline.maxPromptChars', (s) => (s.inline.maxPromptChars = 900)],
  ['context.definitions', (s) => (s.context.definitions = !s.context.definitions)],
  ['context.recentFiles', (s) => (s.context.recentFiles = !s.context.recentFiles)],
  ['context.openEditors', (s) => (s.context.openEditors = !s.context.openEditors)],
  ['language', () => undefined, { languageId: 'python' }],
  ['indentation: tabs', () => undefined, { indent: { insertSpaces: false, tabSize: 4 } }],
  ['indentation: width', () => undefined, { indent: { insertSpaces: true, tabSize: 2 } }],
  [
    'workspace context',
    () => undefined,
    { workspace: { signature: 'w1', snippets: () => [], documents: () => [], repoName: 'r', currentPath: 'a.ts' } },
  ],
];

function variant([, change, more]: Variation): { settings: CometSettings; context: InlineContext } {
  const settings = defaultSettings();
  change(settings);
  return { settings, context: context(more) };
}

describe('planInlineRequest: the shape found by the settings fingerprint', () => {
  it('the fingerprint changes with every input of the request shape, so it can name the shape', () => {
    const base = new RequestFingerprints().of(defaultSettings(), context());
    const seen = new Map<string, string>();
    for (const variation of SHAPE_INPUTS) {
      const { settings, context: ctx } = variant(variation);
      const fingerprint = new RequestFingerprints().of(settings, ctx);
      assert.notStrictEqual(fingerprint, base, variation[0]);
      assert.ok(!seen.has(fingerprint), `${variation[0]} gives the fingerprint of ${seen.get(fingerprint)}`);
      seen.set(fingerprint, variation[0]);
    }
  });

  it('gives the plan made value by value, whatever the order settings change in (one memo for all)', () => {
    const fingerprints = new RequestFingerprints();
    const order = [...SHAPE_INPUTS, ...SHAPE_INPUTS.slice().reverse(), ...SHAPE_INPUTS];
    for (const variation of order) {
      const { settings, context: ctx } = variant(variation);
      const byId = planInlineRequest(settings, ctx, fingerprints.of(settings, ctx));
      const byValues = planInlineRequest(settings, ctx);
      assert.deepStrictEqual(byId, byValues, variation[0]);
    }
  });

  it('a settings object met again in the same language, context and indentation gets its fingerprint back; any of those changed, another', () => {
    const fingerprints = new RequestFingerprints();
    const settings = defaultSettings();
    const first = fingerprints.of(settings, context());
    assert.strictEqual(fingerprints.of(settings, context()), first);
    for (const variation of SHAPE_INPUTS) {
      // A changed setting comes as a new settings object (a snapshot).
      const { settings: changed, context: ctx } = variant(variation);
      assert.strictEqual(fingerprints.of(changed, ctx), new RequestFingerprints().of(changed, ctx), variation[0]);
      assert.notStrictEqual(fingerprints.of(changed, ctx), first, variation[0]);
      // A changed language, context or indentation under the very same settings object.
      if (variation[2] !== undefined) assert.strictEqual(fingerprints.of(settings, ctx), fingerprints.of(changed, ctx), `${variation[0]}, same settings`);
      assert.strictEqual(fingerprints.of(settings, context()), first, `${variation[0]}, then back`);
    }
  });

  it('the same fingerprint with another server kind is another shape (the kind is learned during the session)', () => {
    const settings = defaultSettings();
    settings.baseUrl = 'http://127.0.0.1:9/v1';
    settings.model = 'qwen2.5-coder:7b-base';
    settings.useSuffix = true;
    const ctx = context();
    const fingerprint = new RequestFingerprints().of(settings, ctx);
    const before = planInlineRequest(settings, ctx, fingerprint);
    SESSION_SERVER_KINDS.learn('http://127.0.0.1:9', 'ollama');
    try {
      const after = planInlineRequest(settings, ctx, fingerprint);
      assert.deepStrictEqual(after, planInlineRequest(settings, ctx));
      assert.notStrictEqual(after.kind === 'request' && after.strategyName, before.kind === 'request' && before.strategyName);
    } finally {
      SESSION_SERVER_KINDS.clear();
    }
  });
});
