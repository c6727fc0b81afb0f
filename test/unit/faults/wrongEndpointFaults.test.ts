/**
 * Fault injection: a base URL that is not an OpenAI-compatible /v1 endpoint — an HTML page,
 * a redirect (to another origin, which must never see the key), JSON that is not a completion.
 * The message says so and names the URL, never the key.
 */
import * as assert from 'node:assert/strict';
import { ClientConfig, requestCompletion } from '../../../src/core/client/completionClient';
import { requestWithRetries } from '../../../src/core/reliability/requestWithRetries';
import { OpenAiTestServer, sendHtml, sendJson, sendRedirect, writeSseData, writeSseDone } from '../../support/openAiTestServer';
import { JSON_BODY, KEY, STREAM_BODY, assertKeyAbsent, expectError } from './faultSupport';

const NOT_OPENAI = /does not look like an OpenAI-compatible \/v1 endpoint/;

let server: OpenAiTestServer;
let elsewhere: OpenAiTestServer;

function config(overrides: Partial<ClientConfig> = {}): ClientConfig {
  return { baseUrl: server.baseUrl, apiKey: KEY, timeoutMs: 5000, ...overrides };
}

function namesUrl(message: string): void {
  assert.ok(message.includes(`POST ${server.baseUrl}/completions`), `the message names the URL: ${message}`);
}

describe('faults: a base URL that is not an OpenAI-compatible endpoint', function () {
  beforeEach(async function () {
    server = await OpenAiTestServer.start();
    elsewhere = await OpenAiTestServer.start();
  });

  afterEach(async function () {
    try {
      assert.deepEqual(server.handlerErrors, [], 'test server handlers threw');
      await server.waitForNoOpenResponses(3000);
    } finally {
      await server.close();
      await elsewhere.close();
    }
  });

  const page = `<!doctype html><html><head><title>Welcome to nginx!</title></head><body>It works. ${KEY}</body></html>`;

  for (const body of [STREAM_BODY, JSON_BODY]) {
    it(`an HTML page with 200 (stream: ${body.stream}) → protocol, names the URL`, async function () {
      server.handle((req, res) => sendHtml(res, 200, page));
      const outcome = await requestCompletion(config(), body);
      const error = expectError(outcome, 'protocol');
      assert.match(error.message, /^The server sent an HTML page instead of a completion, so the base URL does not look like an OpenAI-compatible \/v1 endpoint/);
      namesUrl(error.message);
      assertKeyAbsent(outcome);
    });
  }

  it('an HTML page with 404 → notFound, names the URL and the page title', async function () {
    server.handle((req, res) => sendHtml(res, 404, '<html><head><title>404 Not Found</title></head></html>'));
    const error = expectError(await requestCompletion(config(), STREAM_BODY), 'notFound');
    namesUrl(error.message);
    assert.equal(error.serverMessage, '404 Not Found');
  });

  for (const status of [301, 302, 303, 307, 308] as const) {
    it(`a ${status} redirect to another origin → not followed: that server gets no request and no key`, async function () {
      const target = `${elsewhere.baseUrl}/completions`;
      server.handle((req, res) => sendRedirect(res, status, target));
      const outcome = await requestWithRetries(config(), STREAM_BODY, {}, { sleep: async () => true });
      const error = expectError(outcome, 'notFound');
      assert.match(error.message, NOT_OPENAI);
      assert.ok(error.message.includes(`redirects POST ${server.baseUrl}/completions (${status}) to ${target}`), error.message);
      assert.match(error.message, /Redirects are not followed/);
      assert.equal(outcome.attempts, 1, 'a redirect is not retried');
      assert.equal((await server.waitForRequest(1)).headers.authorization, `Bearer ${KEY}`, 'the key went to the base URL only');
      assert.equal(elsewhere.requests.length, 0, 'the redirect target received no request');
      assert.equal(elsewhere.openConnections, 0, 'the redirect target received no connection');
      assertKeyAbsent(outcome);
    });
  }

  it('a redirect whose Location carries the key shows it redacted', async function () {
    server.handle((req, res) => sendRedirect(res, 302, `${elsewhere.baseUrl}/completions?key=${KEY}`));
    const outcome = await requestCompletion(config(), STREAM_BODY);
    assert.match(expectError(outcome, 'notFound').message, /\?key=\[redacted\]/);
    assertKeyAbsent(outcome);
    assert.equal(elsewhere.requests.length, 0);
  });

  const notCompletions: Array<[string, unknown]> = [
    ['a model list', { object: 'list', data: [{ id: 'gpt-4o', object: 'model' }] }],
    ['a chat completion without choices', { id: 'x', object: 'chat.completion' }],
    ['a JSON array', [1, 2, 3]],
    ['a JSON string', 'hello'],
    ['null', null],
    ['choices that is not an array', { choices: { text: 'x' } }],
  ];
  for (const [what, value] of notCompletions) {
    it(`JSON that is not a completion (${what}) → protocol, names the URL`, async function () {
      server.handle((req, res) => sendJson(res, 200, value));
      const outcome = await requestCompletion(config(), JSON_BODY);
      const error = expectError(outcome, 'protocol');
      assert.match(error.message, NOT_OPENAI);
      namesUrl(error.message);
    });
  }

  it('a stream of JSON objects that are never completion chunks → protocol, names the URL', async function () {
    server.handle(async (req, res) => {
      await writeSseData(res, { object: 'list', data: [] });
      await writeSseData(res, { status: 'ok' });
      await writeSseDone(res);
      res.end();
    });
    const error = expectError(await requestCompletion(config(), STREAM_BODY), 'protocol');
    assert.match(error.message, /not a single completion chunk/);
    assert.match(error.message, NOT_OPENAI);
    namesUrl(error.message);
  });

  it('a stream of plain text → protocol, names the URL', async function () {
    server.handle(async (req, res) => {
      await writeSseData(res, 'Hello, I am not JSON');
      res.end();
    });
    const error = expectError(await requestCompletion(config(), STREAM_BODY), 'protocol');
    assert.match(error.message, NOT_OPENAI);
    namesUrl(error.message);
  });
});
