import * as assert from 'node:assert/strict';
import { parseModelList } from '../../../src/core/models/parseModelList';

describe('parseModelList (GET /models)', () => {
  it('reads the OpenAI shape, with owned_by as provider', () => {
    const models = parseModelList({
      object: 'list',
      data: [
        { id: 'gpt-3.5-turbo-instruct', object: 'model', owned_by: 'openai', created: 1 },
        { id: 'claude-3-5-haiku', owned_by: 'anthropic', supported_endpoint_types: ['openai', 'anthropic'] },
      ],
    });
    assert.deepEqual(models, [
      { id: 'gpt-3.5-turbo-instruct', name: undefined, provider: 'openai', features: [], endpoints: [], fromEndpoint: true, fromCatalog: false },
      { id: 'claude-3-5-haiku', name: undefined, provider: 'anthropic', features: [], endpoints: ['openai', 'anthropic'], fromEndpoint: true, fromCatalog: false },
    ]);
  });

  it('accepts a bare array, string entries, name/model instead of id, and skips junk and duplicates', () => {
    const models = parseModelList(['qwen2.5-coder:1.5b', { name: 'llama3.2' }, { model: 'x' }, { id: '' }, 42, null, { id: 'x' }]);
    assert.deepEqual(
      models?.map((m) => m.id),
      ['qwen2.5-coder:1.5b', 'llama3.2', 'x'],
    );
  });

  it('accepts {models:[…]} and an empty list', () => {
    assert.deepEqual(parseModelList({ models: [{ id: 'a' }] })?.map((m) => m.id), ['a']);
    assert.deepEqual(parseModelList({ data: [] }), []);
  });

  it('returns undefined for JSON that is not a list', () => {
    assert.equal(parseModelList({ error: { message: 'nope' } }), undefined);
    assert.equal(parseModelList(null), undefined);
    assert.equal(parseModelList('text'), undefined);
    assert.equal(parseModelList({ data: { records: 3 } }), undefined);
  });
});
