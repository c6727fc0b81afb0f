/**
 * A reply in chat format (a chat-only model behind a gateway answering `/completions`) pauses ghost
 * text at once: like a refused key, only the user can fix it (by picking another model), so every
 * further keystroke would only cost a request. Other protocol failures still need 3 in a row.
 */
import * as assert from 'node:assert/strict';
import { ApiError } from '../../../src/core/client/apiError';
import { requestCompletion } from '../../../src/core/client/completionClient';
import type { CompletionRequestBody } from '../../../src/core/client/completionTypes';
import { FailureBreaker, needsUserAction } from '../../../src/core/reliability/failureBreaker';
import { pauseActions, pauseNotificationText } from '../../../src/core/reliability/pauseNotice';
import { OpenAiTestServer } from '../../support/openAiTestServer';
import { installProfile, PROFILES } from '../../support/profiles/serverProfiles';

const BODY: CompletionRequestBody = { model: 'gpt-4o-mini', prompt: 'def add(a, b):\n    ', max_tokens: 16, temperature: 0, top_p: 1, n: 1, stream: true };

describe('a chat-format reply pauses ghost text at once', () => {
  let server: OpenAiTestServer;
  before(async () => {
    server = await OpenAiTestServer.start();
    installProfile(server, PROFILES.cometapi); // CometAPI with a chat-only model answers in chat shape
  });
  after(async () => server.close());

  async function chatReply(stream: boolean): Promise<ApiError> {
    const outcome = await requestCompletion({ baseUrl: server.baseUrl, apiKey: 'sk-chat-reply', timeoutMs: 5000 }, { ...BODY, stream });
    assert.equal(outcome.ok, false, 'a chat-shaped reply must be a failure');
    if (outcome.ok) throw new Error('unreachable');
    assert.equal(outcome.error.modelProblem, 'chatReply', outcome.error.message);
    return outcome.error;
  }

  for (const stream of [true, false]) {
    it(`the first chat-format reply (${stream ? 'streamed' : 'whole JSON'}) from a real loopback server trips the breaker, cause "immediate"`, async () => {
      let now = 5_000_000;
      const breaker = new FailureBreaker({ now: () => now });
      const error = await chatReply(stream);
      assert.equal(needsUserAction(error), true);
      const trip = breaker.recordFailure(error);
      assert.ok(trip, 'one chat-format reply did not pause ghost text');
      assert.equal(trip.cause, 'immediate');
      assert.equal(trip.failures, 1);
      assert.equal(breaker.isPaused(), true);
      now += trip.pauseMs;
      assert.equal(breaker.isPaused(), false);
    });
  }

  it('the pause notice names the chat format and offers settings, not the API key', async () => {
    const breaker = new FailureBreaker({ now: () => 1_000 });
    const trip = breaker.recordFailure(await chatReply(true));
    assert.ok(trip);
    const text = pauseNotificationText(trip);
    assert.match(text, /answers in chat format/);
    assert.doesNotMatch(text, /after \d+ failed requests? in a row/, 'a chat reply pauses at once, not after a streak');
    assert.deepEqual(pauseActions(trip.error), ['Open Settings', 'Show Log']);
  });

  it('another protocol failure (no chat reply) still needs 3 in a row', () => {
    const breaker = new FailureBreaker({ now: () => 1_000 });
    const malformed = new ApiError({ kind: 'protocol', message: 'malformed JSON in the stream' });
    assert.equal(needsUserAction(malformed), false);
    assert.equal(breaker.recordFailure(malformed), undefined);
    assert.equal(breaker.recordFailure(malformed), undefined);
    assert.equal(breaker.recordFailure(malformed)?.cause, 'repeated');
  });
});
