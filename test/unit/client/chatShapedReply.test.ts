/**
 * Issue 10, item 1: a server or gateway that answers `/completions` in chat shape
 * (`choices[].message.content`, or `choices[].delta.content` in a stream) is a specific error,
 * not an empty success — for the client (status bar, Complete Selection) and Test Connection.
 */
import * as assert from 'node:assert/strict';
import { requestCompletion } from '../../../src/core/client/completionClient';
import type { CompletionRequestBody } from '../../../src/core/client/completionTypes';
import { describeConnectionTest } from '../../../src/core/connection/connectionTest';
import { OpenAiTestServer, sendJson, startSse, writeRaw, writeSseData, writeSseDone, endResponse } from '../../support/openAiTestServer';

const BODY: CompletionRequestBody = { model: 'gpt-4o-mini', prompt: 'def add(a, b):', max_tokens: 8, temperature: 0, top_p: 1, n: 1, stream: false };

describe('a chat-shaped reply on /completions (issue 10 item 1)', () => {
  let server: OpenAiTestServer;
  before(async () => (server = await OpenAiTestServer.start()));
  after(async () => server.close());
  beforeEach(() => server.reset());

  it('a whole JSON answer with choices[].message.content fails naming the chat format and the fix', async () => {
    server.handle((req, res) =>
      sendJson(res, 200, {
        id: 'chatcmpl-1',
        object: 'chat.completion',
        created: 1,
        model: 'gpt-4o-mini',
        choices: [{ index: 0, message: { role: 'assistant', content: 'Sure! Here is the function.' }, finish_reason: 'stop' }],
      }),
    );
    const outcome = await requestCompletion({ baseUrl: server.baseUrl, timeoutMs: 5000 }, BODY);
    assert.equal(outcome.ok, false);
    if (outcome.ok) return;
    assert.equal(outcome.error.modelProblem, 'chatReply');
    assert.match(outcome.error.message, /“gpt-4o-mini” answers in chat format.*text-completion model.*Select Model/);

    const verdict = describeConnectionTest(outcome, { model: 'gpt-4o-mini', host: '127.0.0.1' });
    assert.equal(verdict.ok, false);
    assert.match(verdict.message, /answers in chat format/);
    assert.ok(verdict.actions.includes('selectModel'));
  });

  it('a stream of choices[].delta.content chunks fails the same way, after [DONE]', async () => {
    server.handle(async (req, res) => {
      startSse(res);
      await writeRaw(res, `data: ${JSON.stringify({ id: 'c', object: 'chat.completion.chunk', choices: [{ index: 0, delta: { role: 'assistant', content: '' } }] })}\n\n`);
      await writeRaw(res, `data: ${JSON.stringify({ id: 'c', object: 'chat.completion.chunk', choices: [{ index: 0, delta: { content: 'return a + b' } }] })}\n\n`);
      await writeRaw(res, `data: ${JSON.stringify({ id: 'c', object: 'chat.completion.chunk', choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] })}\n\n`);
      await writeSseDone(res);
      await endResponse(res);
    });
    const outcome = await requestCompletion({ baseUrl: server.baseUrl, timeoutMs: 5000 }, { ...BODY, stream: true });
    assert.equal(outcome.ok, false);
    if (outcome.ok) return;
    assert.equal(outcome.error.modelProblem, 'chatReply');
    assert.match(outcome.error.message, /chat format/);
  });

  it('a real text completion that also carries extra fields is still a success', async () => {
    server.handle(async (req, res) => {
      await writeSseData(res, { id: 'x', object: 'text_completion', created: 1, model: 'm', choices: [{ index: 0, text: 'a + b', logprobs: null, finish_reason: 'stop' }] });
      await writeSseDone(res);
      await endResponse(res);
    });
    const outcome = await requestCompletion({ baseUrl: server.baseUrl, timeoutMs: 5000 }, { ...BODY, stream: true });
    assert.ok(outcome.ok);
    if (outcome.ok) assert.equal(outcome.result.choices[0].text, 'a + b');
  });
});
