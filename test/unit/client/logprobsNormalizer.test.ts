import * as assert from 'node:assert/strict';
import { normalizeLogprobs } from '../../../src/core/client/logprobsNormalizer';

describe('logprobsNormalizer', function () {
  it('reads the legacy shape, sorting alternatives most likely first', function () {
    const raw = {
      tokens: ['def', ' foo'],
      token_logprobs: [-0.1, -1.5],
      top_logprobs: [
        { ' class': -3, def: -0.1 },
        { ' foo': -1.5, ' bar': -0.9 },
      ],
      text_offset: [0, 3],
    };
    assert.deepEqual(normalizeLogprobs(raw), [
      { token: 'def', logprob: -0.1, top: [{ token: 'def', logprob: -0.1 }, { token: ' class', logprob: -3 }] },
      { token: ' foo', logprob: -1.5, top: [{ token: ' bar', logprob: -0.9 }, { token: ' foo', logprob: -1.5 }] },
    ]);
  });

  it('reads the chat shape (llama.cpp), ignoring extra fields such as id and bytes', function () {
    const raw = {
      content: [
        { id: 7, token: 'x', logprob: -0.25, bytes: [120], top_logprobs: [{ id: 8, token: 'y', logprob: -2 }, { token: 'x', logprob: -0.25 }] },
        { token: 'z', logprob: 0 },
      ],
    };
    assert.deepEqual(normalizeLogprobs(raw), [
      { token: 'x', logprob: -0.25, top: [{ token: 'x', logprob: -0.25 }, { token: 'y', logprob: -2 }] },
      { token: 'z', logprob: 0, top: [] },
    ]);
  });

  it('accepts legacy top_logprobs given as lists of {token, logprob}', function () {
    const raw = { tokens: ['a'], token_logprobs: [-1], top_logprobs: [[{ token: 'b', logprob: -2 }, { token: 'a', logprob: -1 }]] };
    assert.deepEqual(normalizeLogprobs(raw)[0].top.map((t) => t.token), ['a', 'b']);
  });

  it('turns null and garbage into []', function () {
    for (const raw of [null, undefined, 0, 'logprobs', [], {}, { tokens: 'abc' }, { content: 'x' }, { tokens: ['a'] }]) {
      assert.deepEqual(normalizeLogprobs(raw), [], JSON.stringify(raw));
    }
  });

  it('skips entries without a string token or a numeric logprob, and odd alternatives', function () {
    const legacy = { tokens: ['a', 5, 'c', 'd'], token_logprobs: [null, -1, -2], top_logprobs: [null, null, { c: -2, bad: 'x' }] };
    assert.deepEqual(normalizeLogprobs(legacy), [{ token: 'c', logprob: -2, top: [{ token: 'c', logprob: -2 }] }]);
    const chat = { content: [null, { token: 1, logprob: -1 }, { token: 'ok', logprob: -1, top_logprobs: [null, { token: 'q' }] }] };
    assert.deepEqual(normalizeLogprobs(chat), [{ token: 'ok', logprob: -1, top: [] }]);
  });
});
