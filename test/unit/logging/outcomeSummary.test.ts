import * as assert from 'node:assert/strict';
import { ApiError } from '../../../src/core/client/apiError';
import { outcomeSummary } from '../../../src/core/logging/outcomeSummary';

describe('outcomeSummary', function () {
  const meta = { totalMs: 5, url: 'http://h/v1/completions' };

  it('summarises a success: finish reason, characters, tokens, attempts', function () {
    const result = { id: 'c', model: 'm', created: 1, choices: [{ index: 0, text: 'hello', finishReason: 'stop', logprobs: [] }], usage: { promptTokens: 3, completionTokens: 2, totalTokens: 5 } };
    assert.equal(outcomeSummary({ ok: true, result, meta }), 'ok finish=stop completion_chars=5 tokens=3+2');
    assert.equal(outcomeSummary({ ok: true, result: { ...result, choices: [], usage: undefined }, meta }, 2), 'ok finish=- completion_chars=0 attempts=2');
  });

  it('summarises a failure as kind: message', function () {
    const error = new ApiError({ kind: 'server', status: 503, message: 'The server failed (503).' });
    assert.equal(outcomeSummary({ ok: false, error, meta }, 3), 'server: The server failed (503). attempts=3');
  });
});
