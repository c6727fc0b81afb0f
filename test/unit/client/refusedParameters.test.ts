/**
 * Issue 10, item 6: a parameter the server refuses is given up once, remembered per origin and
 * model for the session, said in the outcome (for the log), and never reaches the caller as a
 * failure (so it never counts toward the ghost-text failure pause).
 */
import * as assert from 'node:assert/strict';
import { ApiError } from '../../../src/core/client/apiError';
import { requestCompletion } from '../../../src/core/client/completionClient';
import type { CompletionRequestBody } from '../../../src/core/client/completionTypes';
import { degradeForRefusal, RefusedParameterMemory } from '../../../src/core/client/refusedParameters';
import { outcomeSummary } from '../../../src/core/logging/outcomeSummary';
import { FailureBreaker } from '../../../src/core/reliability/failureBreaker';
import { OpenAiTestServer, sendCompletion, sendOpenAiError } from '../../support/openAiTestServer';

const BODY: CompletionRequestBody = { model: 'qwen', prompt: 'def f(', suffix: ')\n', max_tokens: 8, temperature: 0, top_p: 1, n: 1, stream: false };

function refusal(message: string, status = 400): ApiError {
  return new ApiError({ kind: 'badRequest', status, message: 'refused', serverMessage: message });
}

describe('parameters a server refuses (issue 10 item 6)', () => {
  describe('recognising the refusal', () => {
    const wire = { model: 'm', prompt: 'p', suffix: 's', n: 3, logprobs: 21, top_p: 0, stream: true, stream_options: { include_usage: true } };
    const cases: Array<[string, string]> = [
      ['Unsupported param: suffix', 'drop suffix'],
      ['Suffix is not supported and can be achieved by preprocessing the prompt.', 'drop suffix'],
      ['registry.ollama.ai/library/qwen:7b does not support insert', 'drop suffix'],
      ['Only one completion choice is allowed', 'cap n at 1'],
      ["Field 'n': Value must be between 1 <= value <= 2, but got 3", 'cap n at 2'],
      ['Requested sample logprobs of 21, which is greater than max allowed: 20', 'cap logprobs at 20'],
      ['Stream options can only be defined when `stream=True`.', 'drop stream_options'],
      ['Unrecognized request argument supplied: stream_options', 'drop stream_options'],
    ];
    for (const [message, expected] of cases) {
      it(`“${message}” → ${expected}`, () => {
        const degrade = degradeForRefusal(refusal(message), wire);
        assert.ok(degrade);
        assert.equal(degrade.kind === 'drop' ? `drop ${degrade.field}` : `cap ${degrade.field} at ${degrade.max}`, expected);
      });
    }
    it('top_p must be in (0, 1] → drop top_p', () => {
      const degrade = degradeForRefusal(refusal('top_p must be in (0, 1], got 0.0.'), { model: 'm', prompt: 'p', top_p: 0 });
      assert.deepEqual(degrade, { kind: 'drop', field: 'top_p' });
    });
    it('a refusal about something else (context, model, auth) is not a parameter to drop', () => {
      assert.equal(degradeForRefusal(refusal("This model's maximum context length is 4097 tokens"), wire), undefined);
      assert.equal(degradeForRefusal(new ApiError({ kind: 'auth', status: 401, message: 'x', serverMessage: 'suffix' }), wire), undefined);
    });
  });

  describe('against a server that rejects suffix (vLLM)', () => {
    let server: OpenAiTestServer;
    let memory: RefusedParameterMemory;
    before(async () => (server = await OpenAiTestServer.start()));
    after(async () => server.close());
    beforeEach(() => {
      server.reset();
      memory = new RefusedParameterMemory();
      server.setDefaultHandler((req, res) =>
        req.body?.suffix !== undefined
          ? sendOpenAiError(res, 400, { message: 'suffix is not currently supported', type: 'BadRequestError' })
          : sendCompletion(res, { choices: ['x'] }),
      );
    });

    it('degrades once: one refused request, then it works and the next request goes without suffix at once', async () => {
      const config = { baseUrl: server.baseUrl, timeoutMs: 5000, refusedParameters: memory };
      const first = await requestCompletion(config, BODY);
      assert.ok(first.ok, first.ok ? '' : first.error.message);
      assert.equal(server.requests.length, 2);
      assert.equal(server.requests[0].body.suffix, ')\n');
      assert.equal(server.requests[1].body.suffix, undefined);
      assert.match(first.meta.refused?.[0] ?? '', /refused it for “qwen”.*suffix is not currently supported.*drop suffix from now on/);
      assert.match(outcomeSummary(first), /^ok .*degraded=\[drop suffix\] refused: /);

      const second = await requestCompletion(config, BODY);
      assert.ok(second.ok);
      assert.equal(server.requests.length, 3, 'no second refusal');
      assert.equal(server.requests[2].body.suffix, undefined);
      assert.equal(second.meta.refused, undefined);

      // Per model: another model on the same server still gets its suffix sent.
      await requestCompletion(config, { ...BODY, model: 'other' });
      assert.equal(server.requests[3].body.suffix, ')\n');
    });

    it('the refusal never counts toward the failure pause: three calls, no failure recorded', async () => {
      const breaker = new FailureBreaker({ threshold: 1 });
      const config = { baseUrl: server.baseUrl, timeoutMs: 5000, refusedParameters: memory };
      for (let i = 0; i < 3; i++) {
        const outcome = await requestCompletion(config, BODY);
        if (outcome.ok) breaker.recordSuccess();
        else breaker.recordFailure(outcome.error);
      }
      assert.equal(breaker.isPaused(), false);
    });

    it('with the memory turned off (Test Connection probes) the refusal comes back as is', async () => {
      const outcome = await requestCompletion({ baseUrl: server.baseUrl, timeoutMs: 5000, refusedParameters: null }, BODY);
      assert.equal(outcome.ok, false);
      assert.equal(server.requests.length, 1);
    });
  });
});
