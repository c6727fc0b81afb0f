import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import { AddressInfo } from 'node:net';
import { ApiError, ApiErrorInit } from '../../../src/core/client/apiError';
import { CompletionOutcome, requestCompletion } from '../../../src/core/client/completionClient';
import { connectionTestBody, describeConnectionTest, isModelNotServedError } from '../../../src/core/connection/connectionTest';

const context = { model: 'gpt-4o', host: 'api.example.com' };

function failure(init: ApiErrorInit, totalMs = 250): CompletionOutcome {
  return { ok: false, error: new ApiError(init), meta: { status: init.status, totalMs, url: 'u' } };
}

describe('connection test', () => {
  it('reports success with the latency', () => {
    const verdict = describeConnectionTest(
      {
        ok: true,
        result: { id: 'x', model: 'gpt-3.5-turbo-instruct', created: 0, choices: [{ index: 0, text: ',', finishReason: 'length', logprobs: [] }] },
        meta: { status: 200, firstByteMs: 180.4, totalMs: 212.7, url: 'u' },
      },
      { model: 'gpt-3.5-turbo-instruct', host: 'api.cometapi.com' },
    );
    assert.equal(verdict.ok, true);
    assert.equal(verdict.severity, 'info');
    assert.equal(verdict.message, 'Model “gpt-3.5-turbo-instruct” works on /completions at api.cometapi.com (answered in 213 ms, first byte after 180 ms).');
  });

  const notServed: Array<[string, ApiErrorInit]> = [
    [
      'OpenAI 404 for a chat model',
      {
        kind: 'notFound',
        status: 404,
        message: 'Not found (404) …',
        serverMessage: 'This is a chat model and not supported in the v1/completions endpoint. Did you mean to use v1/chat/completions?',
      },
    ],
    ['400 "model not supported"', { kind: 'badRequest', status: 400, message: 'refused', serverMessage: 'model claude-3 is not supported on this route' }],
    ['400 with code model_not_found', { kind: 'badRequest', status: 400, message: 'refused', serverCode: 'model_not_found' }],
    ['404 "not a completion model"', { kind: 'notFound', status: 404, message: 'nf', serverMessage: 'gpt-4o is not a completion model' }],
    ['503 no channel (new-api gateway)', { kind: 'server', status: 503, message: 'x', serverMessage: '当前分组 default 下对于模型 gpt-4o 无可用渠道' }],
  ];
  for (const [name, init] of notServed) {
    it(`says the model does not serve /completions: ${name}`, () => {
      const verdict = describeConnectionTest(failure(init), context);
      assert.equal(verdict.ok, false);
      assert.equal(verdict.severity, 'error');
      assert.match(verdict.message, /^Model “gpt-4o” does not serve the legacy \/completions route at api\.example\.com/);
      assert.match(verdict.message, /Comet Complete: Select Model/);
      assert.deepEqual(verdict.actions, ['selectModel', 'showLog']);
    });
  }

  it('does not blame the model for a 404 that says nothing about it, nor for other failures', () => {
    assert.equal(isModelNotServedError(new ApiError({ kind: 'notFound', status: 404, message: 'Not found', serverMessage: 'Not Found' })), false);
    assert.equal(isModelNotServedError(new ApiError({ kind: 'notFound', status: 404, message: 'Not found' })), false);
    assert.equal(isModelNotServedError(new ApiError({ kind: 'auth', status: 401, message: 'x', serverMessage: 'model not supported' })), false);
    assert.equal(isModelNotServedError(new ApiError({ kind: 'server', status: 500, message: 'x', serverMessage: 'model not supported' })), false);
    assert.equal(isModelNotServedError(new ApiError({ kind: 'notFound', status: 307, message: 'x', serverMessage: 'invalid model' })), false);
  });

  it('passes other errors on with the right buttons', () => {
    const auth = describeConnectionTest(failure({ kind: 'auth', status: 401, message: 'The server rejected the API key (401).' }), context);
    assert.equal(auth.message, 'Model “gpt-4o” at api.example.com failed the test after 250 ms: The server rejected the API key (401).');
    assert.deepEqual(auth.actions, ['setApiKey', 'showLog']);
    const slow = describeConnectionTest(failure({ kind: 'timeout', message: 'No response.' }, 60000), context);
    assert.equal(slow.severity, 'warning');
    assert.deepEqual(slow.actions, ['retry', 'showLog']);
    assert.match(slow.message, /after 60 s/);
    const wrongUrl = describeConnectionTest(failure({ kind: 'notFound', status: 404, message: 'Not found (404).' }), context);
    assert.deepEqual(wrongUrl.actions, ['selectModel', 'openSettings', 'showLog']);
    const cancelled = describeConnectionTest(failure({ kind: 'aborted', message: 'cancelled' }), context);
    assert.equal(cancelled.message, 'Connection test cancelled.');
  });

  describe('against a loopback server through the real client', () => {
    let server: http.Server;
    let base: string;
    let reply: (res: http.ServerResponse) => void;
    let received: { body: unknown; auth?: string } | undefined;
    before(async () => {
      server = http.createServer((req, res) => {
        let raw = '';
        req.on('data', (chunk) => (raw += chunk));
        req.on('end', () => {
          received = { body: JSON.parse(raw), auth: req.headers.authorization };
          reply(res);
        });
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
    });
    after(() => new Promise<void>((resolve) => server.close(() => resolve())));

    it('recognises OpenAI’s “chat model” 404 end to end', async () => {
      reply = (res) => {
        res.writeHead(404, { 'Content-Type': 'application/json' });
        res.end(
          JSON.stringify({
            error: {
              message: 'This is a chat model and not supported in the v1/completions endpoint. Did you mean to use v1/chat/completions?',
              type: 'invalid_request_error',
              param: 'model',
              code: null,
            },
          }),
        );
      };
      const outcome = await requestCompletion({ baseUrl: base, apiKey: 'sk-k', timeoutMs: 2000 }, connectionTestBody('gpt-4o'));
      assert.deepEqual(received?.body, { model: 'gpt-4o', prompt: 'Hello', max_tokens: 1, temperature: 0, top_p: 1, n: 1, stream: false });
      assert.equal(received?.auth, 'Bearer sk-k');
      const verdict = describeConnectionTest(outcome, { model: 'gpt-4o', host: '127.0.0.1' });
      assert.match(verdict.message, /does not serve the legacy \/completions route/);
    });

    it('reports a one-token success', async () => {
      reply = (res) => {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ id: 'c', object: 'text_completion', created: 1, model: 'm', choices: [{ index: 0, text: '!', finish_reason: 'length' }], usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 } }));
      };
      const outcome = await requestCompletion({ baseUrl: base, timeoutMs: 2000 }, connectionTestBody('m'));
      // What costs the user: the server is asked for one token, in one answer, not a stream.
      const sent = received?.body as { max_tokens?: unknown; n?: unknown; stream?: unknown };
      assert.deepEqual([sent.max_tokens, sent.n, sent.stream], [1, 1, false]);
      const verdict = describeConnectionTest(outcome, { model: 'm', host: '127.0.0.1' });
      assert.equal(verdict.ok, true, verdict.message);
      assert.match(verdict.message, /^Model “m” works on \/completions at 127\.0\.0\.1 \(answered in \d+ ms/);
    });
  });
});
