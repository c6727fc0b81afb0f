/**
 * Fault injection: every error status a server (or a proxy in front of it) answers with, with
 * and without retries. 429/500/502/503/504/524 are retried (Complete Selection), 4xx never; the
 * final ApiError kind and message are what the user sees.
 */
import * as assert from 'node:assert/strict';
import { ApiError } from '../../../src/core/client/apiError';
import { ClientConfig } from '../../../src/core/client/completionClient';
import { requestWithRetries } from '../../../src/core/reliability/requestWithRetries';
import { abortableDelay } from '../../../src/core/reliability/abortableDelay';
import { OpenAiTestServer, sendHtml, sendOpenAiError, streamCompletion, waitUntil } from '../../support/openAiTestServer';
import { KEY, STREAM_BODY, assertKeyAbsent, expectError } from './faultSupport';

let server: OpenAiTestServer;

function config(overrides: Partial<ClientConfig> = {}): ClientConfig {
  return { baseUrl: server.baseUrl, apiKey: KEY, timeoutMs: 5000, ...overrides };
}

interface StatusCase {
  status: number;
  kind: ApiError['kind'];
  message: RegExp;
  retried: boolean;
}

const CASES: StatusCase[] = [
  { status: 400, kind: 'badRequest', message: /^The server refused the request \(400\): bad things\.$/, retried: false },
  { status: 401, kind: 'auth', message: /^The server rejected the API key \(401\): bad things\. Set your API key with “Comet Complete: Set API Key”\.$/, retried: false },
  { status: 403, kind: 'auth', message: /^The server rejected the API key \(403\): bad things\./, retried: false },
  { status: 404, kind: 'notFound', message: /^Not found \(404\) at POST http:\/\/127\.0\.0\.1:\d+\/v1\/completions: the base URL or the model “gpt-3\.5-turbo-instruct” is wrong: bad things\./, retried: false },
  { status: 408, kind: 'badRequest', message: /^The server refused the request \(408\): bad things\.$/, retried: false },
  { status: 409, kind: 'badRequest', message: /\(409\)/, retried: false },
  { status: 413, kind: 'badRequest', message: /\(413\)/, retried: false },
  { status: 422, kind: 'badRequest', message: /\(422\)/, retried: false },
  { status: 429, kind: 'rateLimited', message: /^The server is rate-limiting requests \(429\): bad things\. Try again later\.$/, retried: true },
  { status: 500, kind: 'server', message: /^The server failed \(500\): bad things\. It may work if you try again later\.$/, retried: true },
  { status: 501, kind: 'server', message: /\(501\)/, retried: false },
  { status: 502, kind: 'server', message: /\(502\)/, retried: true },
  { status: 503, kind: 'server', message: /\(503\)/, retried: true },
  { status: 504, kind: 'server', message: /\(504\)/, retried: true },
  { status: 505, kind: 'server', message: /\(505\)/, retried: false },
  { status: 524, kind: 'server', message: /\(524\)/, retried: true },
];

describe('faults: error statuses, with retries', function () {
  beforeEach(async function () {
    server = await OpenAiTestServer.start();
  });

  afterEach(async function () {
    try {
      assert.deepEqual(server.handlerErrors, [], 'test server handlers threw');
      await server.waitForNoOpenResponses(3000);
    } finally {
      await server.close();
    }
  });

  for (const c of CASES) {
    it(`${c.status} → ${c.kind}${c.retried ? ', retried up to 3 attempts' : ', never retried'}; the key echoed in the body is redacted`, async function () {
      server.setDefaultHandler((req, res) => sendOpenAiError(res, c.status, { message: 'bad things', code: KEY, type: `echo ${req.headers.authorization}` }));
      const waits: number[] = [];
      const outcome = await requestWithRetries(config(), STREAM_BODY, { onRetry: (n) => waits.push(n.delayMs) }, {
        sleep: async () => true,
        policy: { maxAttempts: 3, random: () => 0 },
      });
      const error = expectError(outcome, c.kind);
      assert.match(error.message, c.message);
      assert.equal(error.status, c.status);
      assert.equal(server.requests.length, c.retried ? 3 : 1, 'requests sent');
      assert.equal(outcome.attempts, c.retried ? 3 : 1);
      if (c.retried) assert.deepEqual(waits, [250, 500], 'exponential backoff (random 0 → half the step)');
      assertKeyAbsent(outcome);
    });
  }

  it('a 503 then success → the completion, after one retry', async function () {
    server.handle((req, res) => sendOpenAiError(res, 503, 'warming up'));
    const outcome = await requestWithRetries(config(), STREAM_BODY, {}, { sleep: async () => true });
    assert.ok(outcome.ok, outcome.ok ? '' : outcome.error.message);
    assert.equal(outcome.attempts, 2);
  });

  it('429 honours Retry-After in seconds and as an HTTP date', async function () {
    const at = new Date(Date.now() + 12_000).toUTCString();
    server.handle(
      (req, res) => sendOpenAiError(res, 429, 'slow down', { 'Retry-After': '7' }),
      (req, res) => sendOpenAiError(res, 429, 'slow down', { 'Retry-After': at }),
    );
    const waits: number[] = [];
    const outcome = await requestWithRetries(config(), STREAM_BODY, { onRetry: (n) => waits.push(n.delayMs) }, { sleep: async () => true, policy: { random: () => 0 } });
    assert.ok(outcome.ok);
    assert.equal(waits[0], 7000);
    assert.ok(waits[1] > 9000 && waits[1] <= 12_000, `waited ${waits[1]} ms for the date`);
  });

  it('429 asking for longer than 30 s → not retried; the message says when to try again', async function () {
    server.handle((req, res) => sendOpenAiError(res, 429, 'quota', { 'Retry-After': '120' }));
    const outcome = await requestWithRetries(config(), STREAM_BODY, {}, { sleep: async () => true });
    assert.match(expectError(outcome, 'rateLimited').message, /Try again in 2 min\./);
    assert.equal(outcome.attempts, 1);
  });

  it('a 502 HTML page from a proxy → server, retried, with the page title', async function () {
    server.setDefaultHandler((req, res) => sendHtml(res, 502, '<html><head><title>502 Bad Gateway</title></head><body>cloudflare</body></html>'));
    const outcome = await requestWithRetries(config(), STREAM_BODY, {}, { sleep: async () => true, policy: { maxAttempts: 2 } });
    assert.equal(expectError(outcome, 'server').serverMessage, '502 Bad Gateway');
    assert.equal(server.requests.length, 2);
  });

  it('aborting while waiting to retry stops the wait at once → aborted, nothing more sent', async function () {
    server.setDefaultHandler((req, res) => sendOpenAiError(res, 503, 'busy', { 'Retry-After': '25' }));
    const controller = new AbortController();
    let settled = false;
    const pending = requestWithRetries(config(), STREAM_BODY, { signal: controller.signal, onRetry: () => setImmediate(() => controller.abort()) }, {
      sleep: abortableDelay,
    }).then((outcome) => {
      settled = true;
      return outcome;
    });
    await server.waitForRequest(1);
    await waitUntil(() => settled, { timeoutMs: 3000, message: 'the abort did not end the 25 s wait before the retry' });
    const outcome = await pending;
    assert.equal(expectError(outcome, 'aborted').message, 'The request was cancelled.');
    assert.equal(server.requests.length, 1);
  });

  it('a stream that fails after text arrived is final even when the error is retryable', async function () {
    server.handle(async (req, res) => {
      await streamCompletion(res, { pieces: ['partial'], done: false, finish: 'none' });
    });
    const outcome = await requestWithRetries(config(), STREAM_BODY, { onDelta: () => undefined }, { sleep: async () => true });
    expectError(outcome, 'protocol');
    assert.equal(outcome.attempts, 1);
    assert.equal(server.requests.length, 1);
  });
});
