import * as assert from 'node:assert/strict';
import { parseCometCatalog, parsePricing } from '../../../src/core/models/parseCometCatalog';

describe('parseCometCatalog (CometAPI /api/models)', () => {
  it('reads id, name, provider, type, features, endpoints and charged price', () => {
    const [model] = parseCometCatalog({
      data: [
        {
          id: 'claude-opus-5',
          code: 'claude-opus-5',
          name: 'Claude Opus 5',
          provider: 'Anthropic',
          model_type: 'Claude',
          features: ['text-to-text', 'image-to-text'],
          endpoints: { chat: { path: '/v1/chat/completions', method: 'POST' } },
          pricing: { input: 5, output: 25, ratio: 0.8 },
        },
      ],
    })!;
    assert.deepEqual(model, {
      id: 'claude-opus-5',
      name: 'Claude Opus 5',
      provider: 'Anthropic',
      modelType: 'claude',
      features: ['text-to-text', 'image-to-text'],
      endpoints: ['chat', '/v1/chat/completions'],
      price: { inputPerMTok: 4, outputPerMTok: 20 },
      upcoming: undefined,
      fromEndpoint: false,
      fromCatalog: true,
    });
  });

  it('tolerates a bare array, missing fields, odd types and skips records without id', () => {
    const models = parseCometCatalog([
      { id: 'bare' },
      { id: 'odd', features: 'text-to-text, image-to-text', endpoints: '["/v1/completions"]', pricing: 'cheap', provider: 7 },
      { name: 'no id here' },
      'string entry',
      { id: 'soon', upcoming: true },
    ])!;
    assert.deepEqual(
      models.map((m) => [m.id, m.features, m.endpoints, m.price, m.provider, m.upcoming]),
      [
        ['bare', [], [], undefined, undefined, undefined],
        ['odd', ['text-to-text', 'image-to-text'], ['/v1/completions'], undefined, '7', undefined],
        ['soon', [], [], undefined, undefined, true],
      ],
    );
  });

  it('returns undefined for JSON that is not a list', () => {
    assert.equal(parseCometCatalog({ error: 'x' }), undefined);
    assert.equal(parseCometCatalog(null), undefined);
  });

  describe('parsePricing', () => {
    it('keeps undefined for missing, zero, negative and non-finite prices (never NaN)', () => {
      assert.equal(parsePricing(undefined), undefined);
      assert.equal(parsePricing({ ratio: 0.8 }), undefined);
      assert.equal(parsePricing({ input: 0, output: -1 }), undefined);
      assert.deepEqual(parsePricing({ input: NaN, output: 25, ratio: 0.8 }), { outputPerMTok: 20 });
      assert.deepEqual(parsePricing({ input: Infinity, output: 2 }), { outputPerMTok: 2 });
    });

    it('ignores an implausible ratio, rounds binary noise, reads numeric strings and per-request prices', () => {
      assert.deepEqual(parsePricing({ input: 5, output: 25, ratio: NaN }), { inputPerMTok: 5, outputPerMTok: 25 });
      assert.deepEqual(parsePricing({ input: 0.3, output: 1.2, ratio: 0.8 }), { inputPerMTok: 0.24, outputPerMTok: 0.96 });
      assert.deepEqual(parsePricing({ prompt: '1.5', completion: '2' }), { inputPerMTok: 1.5, outputPerMTok: 2 });
      assert.deepEqual(parsePricing({ per_request: 0.01, ratio: 0.8 }), { perRequest: 0.008 });
      assert.deepEqual(parsePricing({ per_second: 0.1 }), { perSecond: 0.1 });
    });
  });
});
