import * as assert from 'node:assert/strict';
import { completionSupport } from '../../../src/core/models/completionSupport';
import { mergeModels } from '../../../src/core/models/mergeModels';
import { ModelInfo } from '../../../src/core/models/modelInfo';
import { buildModelPickerEntries, rankModels } from '../../../src/core/models/modelPickerEntries';

function model(id: string, extra: Partial<ModelInfo> = {}): ModelInfo {
  return { id, features: [], endpoints: [], fromEndpoint: true, fromCatalog: false, ...extra };
}

describe('completionSupport', () => {
  const cases: Array<[string, Partial<ModelInfo>, string]> = [
    ['gpt-3.5-turbo-instruct', {}, 'completion'],
    ['davinci-002', {}, 'completion'],
    ['deepseek-coder-6.7b-base', {}, 'completion'],
    ['qwen2.5-coder:1.5b', {}, 'completion'],
    ['codestral-latest', {}, 'completion'],
    ['gpt-4o', {}, 'chat'],
    ['claude-3-5-haiku-latest', {}, 'chat'],
    ['deepseek-chat', {}, 'chat'],
    ['dall-e-3', {}, 'other'],
    ['text-embedding-3-small', {}, 'other'],
    ['whisper-1', {}, 'other'],
    ['tts-1-hd', {}, 'other'],
    ['gemini-2.5-flash-image', {}, 'other'],
    // What a source says beats the name.
    ['gpt-4o', { endpoints: ['/v1/completions'] }, 'completion'],
    ['fancy-model', { modelType: 'image' }, 'other'],
    ['fancy-model', { features: ['text-to-image'] }, 'other'],
    ['fancy-model', { endpoints: ['image-generation'] }, 'other'],
    ['fancy-model', { features: ['text-to-text'], endpoints: ['/v1/chat/completions'] }, 'chat'],
  ];
  for (const [id, extra, expected] of cases) {
    it(`${id} ${JSON.stringify(extra)} → ${expected}`, () => assert.equal(completionSupport(model(id, extra)), expected));
  }

  it('on a local server every text model serves /completions', () => {
    assert.equal(completionSupport(model('llama3.2'), { localServer: true }), 'completion');
    assert.equal(completionSupport(model('nomic-embed-text'), { localServer: true }), 'other');
  });
});

describe('mergeModels', () => {
  const own = [model('gpt-3.5-turbo-instruct', { provider: 'openai' }), model('mystery')];
  const catalog = [
    model('gpt-3.5-turbo-instruct', { provider: 'OpenAI', price: { inputPerMTok: 1.5 }, fromEndpoint: false, fromCatalog: true, features: ['text-to-text'] }),
    model('catalog-only', { fromEndpoint: false, fromCatalog: true }),
  ];

  it('enriches endpoint models from the catalog and drops catalog-only ones', () => {
    const merged = mergeModels(own, catalog);
    assert.deepEqual(merged.map((m) => [m.id, m.provider, m.price, m.fromEndpoint, m.fromCatalog]), [
      ['gpt-3.5-turbo-instruct', 'OpenAI', { inputPerMTok: 1.5 }, true, true],
      ['mystery', undefined, undefined, true, false],
    ]);
    assert.deepEqual(merged[0].features, ['text-to-text']);
  });

  it('falls back to the catalog when the endpoint listed nothing', () => {
    assert.deepEqual(mergeModels(undefined, catalog).map((m) => m.id), ['gpt-3.5-turbo-instruct', 'catalog-only']);
    assert.deepEqual(mergeModels([], catalog).map((m) => m.id), ['gpt-3.5-turbo-instruct', 'catalog-only']);
    assert.deepEqual(mergeModels(own, undefined).map((m) => m.id), ['gpt-3.5-turbo-instruct', 'mystery']);
  });
});

describe('buildModelPickerEntries', () => {
  const models = [
    model('gpt-4o', { provider: 'OpenAI', price: { inputPerMTok: 2.5, outputPerMTok: 10 } }),
    model('dall-e-3'),
    model('gpt-3.5-turbo-instruct', { provider: 'OpenAI', price: { inputPerMTok: 1.5, outputPerMTok: 2 } }),
    model('babbage-002'),
    model('claude-soon', { upcoming: true, fromEndpoint: false, fromCatalog: true }),
  ];

  it('puts completion models first (current model leading), then chat, then the rest, with separators', () => {
    const entries = buildModelPickerEntries(models, { currentModel: 'gpt-3.5-turbo-instruct' });
    assert.deepEqual(
      entries.map((e) => (e.kind === 'separator' ? `-- ${e.group}` : e.label)),
      ['-- completion', 'gpt-3.5-turbo-instruct', 'babbage-002', '-- chat', 'gpt-4o', '-- other', 'dall-e-3'],
    );
    const current = entries[1];
    assert.ok(current.kind === 'model' && current.current);
    assert.equal(current.kind === 'model' && current.description, 'current · OpenAI · $1.5 in / $2 out per 1M tokens');
    const chat = entries[4];
    assert.equal(chat.kind === 'model' && chat.description, 'OpenAI · $2.5 in / $10 out per 1M tokens');
  });

  it('can hide non-text models; upcoming catalog models are never offered', () => {
    const entries = buildModelPickerEntries(models, { hideOther: true });
    assert.ok(!entries.some((e) => e.kind === 'model' && (e.id === 'dall-e-3' || e.id === 'claude-soon')));
    assert.ok(!entries.some((e) => e.kind === 'separator' && e.group === 'other'));
  });

  it('prefers endpoint-listed models within a group, then sorts by id', () => {
    const ranked = rankModels([model('b-instruct', { fromEndpoint: false, fromCatalog: true }), model('c-instruct'), model('a-instruct')]);
    assert.deepEqual(ranked.map((r) => r.model.id), ['a-instruct', 'c-instruct', 'b-instruct']);
  });
});
