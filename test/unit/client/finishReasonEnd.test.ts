/**
 * Issue 10, item 3 (client side): a stream that ends without `data: [DONE]` after every choice
 * asked for sent its `finish_reason` is a success; one that ends before that is still a failure.
 * TGI's `eos_token` / `stop_sequence` read as `stop`.
 */
import * as assert from 'node:assert/strict';
import { requestCompletion } from '../../../src/core/client/completionClient';
import type { CompletionRequestBody } from '../../../src/core/client/completionTypes';
import { showableText } from '../../../src/core/client/finishReasons';
import { completionChunk, endResponse, OpenAiTestServer, streamCompletion, writeSseData } from '../../support/openAiTestServer';

const BODY: CompletionRequestBody = { model: 'm', prompt: 'p', max_tokens: 8, temperature: 0, top_p: 1, n: 1, stream: true };

describe('how a stream ends (issue 10 item 3)', () => {
  let server: OpenAiTestServer;
  before(async () => (server = await OpenAiTestServer.start()));
  after(async () => server.close());
  beforeEach(() => server.reset());

  it('no [DONE], but the one choice sent finish_reason: a success with its text', async () => {
    server.handle((req, res) => streamCompletion(res, { pieces: ['return ', 'a + b'], finishReason: 'stop', done: false }));
    const outcome = await requestCompletion({ baseUrl: server.baseUrl, timeoutMs: 5000 }, BODY);
    assert.ok(outcome.ok, outcome.ok ? '' : outcome.error.message);
    if (!outcome.ok) return;
    assert.equal(outcome.result.choices[0].text, 'return a + b');
    assert.equal(outcome.result.choices[0].finishReason, 'stop');
  });

  it('n = 2, no [DONE], only choice 0 finished: still a failure (choice 1 may be cut off)', async () => {
    server.handle(async (req, res) => {
      await writeSseData(res, completionChunk([{ text: 'a', index: 0, logprobs: null, finish_reason: 'stop' }]));
      await writeSseData(res, completionChunk([{ text: 'b', index: 1, logprobs: null, finish_reason: null }]));
      await endResponse(res);
    });
    const outcome = await requestCompletion({ baseUrl: server.baseUrl, timeoutMs: 5000 }, { ...BODY, n: 2 });
    assert.equal(outcome.ok, false);
    if (!outcome.ok) assert.equal(outcome.error.kind, 'protocol');
  });

  it("TGI's eos_token and stop_sequence are stop, and an empty finish_reason is not an end", async () => {
    server.handle(async (req, res) => {
      await writeSseData(res, completionChunk([{ text: 'x', index: 0, logprobs: null, finish_reason: '' as never }]));
      await writeSseData(res, completionChunk([{ text: '', index: 0, logprobs: null, finish_reason: 'eos_token' as never }]));
      await endResponse(res);
    });
    const outcome = await requestCompletion({ baseUrl: server.baseUrl, timeoutMs: 5000 }, BODY);
    assert.ok(outcome.ok);
    if (outcome.ok) assert.equal(outcome.result.choices[0].finishReason, 'stop');
  });

  it('what each finish_reason lets ghost text show', () => {
    assert.equal(showableText('stop'), 'all');
    assert.equal(showableText(null), 'all');
    assert.equal(showableText('length'), 'completeLines');
    assert.equal(showableText('content_filter'), 'nothing');
  });
});
