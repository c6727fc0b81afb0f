/**
 * Fault injection over real loopback sockets: connections reset, stalled, trickled and never
 * made. Each case checks what the user would see (ApiError kind and message) and that the
 * client left nothing open (the server sees the connection closed).
 */
import * as assert from 'node:assert/strict';
import { ClientConfig, requestCompletion } from '../../../src/core/client/completionClient';
import type { CompletionDelta } from '../../../src/core/client/completionTypes';
import { requestWithRetries } from '../../../src/core/reliability/requestWithRetries';
import {
  OpenAiTestServer,
  RecordedRequest,
  SilentTcpServer,
  completionChunk,
  startSse,
  streamCompletion,
  trickle,
  waitUntil,
  writeSseData,
} from '../../support/openAiTestServer';
import { KEY, STREAM_BODY, assertKeyAbsent, expectError } from './faultSupport';

let server: OpenAiTestServer;

function config(overrides: Partial<ClientConfig> = {}): ClientConfig {
  return { baseUrl: server.baseUrl, apiKey: KEY, timeoutMs: 5000, ...overrides };
}

const noWait = { sleep: async () => true, policy: { random: () => 0.5 } };

async function stall(req: RecordedRequest): Promise<void> {
  await req.whenResponseClosed;
}

describe('faults: connections that break, stall, trickle or never open', function () {
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

  it('reset mid-stream after text arrived → network "reset while streaming", the text kept, not retried', async function () {
    server.handle(async (req, res) => {
      await writeSseData(res, completionChunk([{ text: 'half', index: 0, logprobs: null, finish_reason: null }]));
      res.socket?.destroy();
    });
    const deltas: CompletionDelta[] = [];
    const outcome = await requestWithRetries(config(), STREAM_BODY, { onDelta: (d) => deltas.push(d) }, noWait);
    const error = expectError(outcome, 'network');
    assert.match(error.message, /^Could not reach POST http:\/\/127\.0\.0\.1:\d+\/v1\/completions while streaming: the connection was reset\.$/);
    assert.equal(error.networkCode, 'ECONNRESET');
    assert.deepEqual(deltas.map((d) => d.text), ['half']);
    assert.equal(outcome.attempts, 1, 'text was shown, so no retry');
    assert.equal(server.requests.length, 1);
    assertKeyAbsent(outcome);
  });

  it('reset before any byte → network reset; Complete Selection retries and succeeds', async function () {
    server.handle((req, res) => void res.socket?.destroy());
    const once = await requestCompletion(config(), STREAM_BODY);
    const error = expectError(once, 'network');
    assert.match(error.message, /the connection was reset/);
    assertKeyAbsent(once);

    server.handle((req, res) => void res.socket?.destroy(), (req, res) => void res.socket?.destroy());
    const retries: number[] = [];
    const outcome = await requestWithRetries(config(), STREAM_BODY, { onRetry: (n) => retries.push(n.attempt) }, noWait);
    assert.ok(outcome.ok, outcome.ok ? '' : outcome.error.message);
    assert.equal(outcome.attempts, 3);
    assert.deepEqual(retries, [1, 2]);
    assert.equal(server.requests.length, 4);
  });

  it('a server that accepts the request and never answers → timeout (first byte), connection closed', async function () {
    server.handle((req) => stall(req));
    const outcome = await requestCompletion(config({ timeoutMs: 200 }), STREAM_BODY);
    const error = expectError(outcome, 'timeout');
    assert.match(error.message, /^No response from POST http:\/\/127\.0\.0\.1:\d+\/v1\/completions within 0\.2 s\./);
    assert.match(error.message, /cometComplete\.firstByteTimeoutSeconds/);
    await (await server.waitForRequest(1)).waitForClientClose(3000);
    assertKeyAbsent(outcome);
  });

  it('a stream that stalls after its first chunk → timeout (idle gap), the text kept, connection closed', async function () {
    server.handle(async (req, res) => {
      await writeSseData(res, completionChunk([{ text: 'so far', index: 0, logprobs: null, finish_reason: null }]));
      await stall(req);
    });
    const deltas: CompletionDelta[] = [];
    const outcome = await requestCompletion(config({ idleTimeoutMs: 200 }), STREAM_BODY, { onDelta: (d) => deltas.push(d) });
    const error = expectError(outcome, 'timeout');
    assert.match(error.message, /^The server stopped sending for more than 0\.2 s in the middle of the response/);
    assert.match(error.message, /cometComplete\.idleTimeoutSeconds/);
    assert.equal(error.status, 200);
    assert.deepEqual(deltas.map((d) => d.text), ['so far']);
    await (await server.waitForRequest(1)).waitForClientClose(3000);
  });

  it('stalled headers (SSE started, nothing sent) → timeout (idle gap), connection closed', async function () {
    server.handle(async (req, res) => {
      startSse(res);
      await stall(req);
    });
    const error = expectError(await requestCompletion(config({ idleTimeoutMs: 200 }), STREAM_BODY), 'timeout');
    assert.match(error.message, /stopped sending for more than 0\.2 s/);
    await (await server.waitForRequest(1)).waitForClientClose(3000);
  });

  it('a server trickling one byte a second forever is cut off by the overall cap → timeout, connection closed', async function () {
    this.timeout(20_000);
    let sent = 0;
    server.handle(async (req, res) => {
      sent = await trickle(req, res, { intervalMs: 1000 });
    });
    const outcome = await requestCompletion(config({ idleTimeoutMs: 3000, totalTimeoutMs: 2500 }), STREAM_BODY);
    const error = expectError(outcome, 'timeout');
    assert.match(error.message, /^The response from POST http:\/\/127\.0\.0\.1:\d+\/v1\/completions took longer than 2\.5 s in all, so it was cut off \(the server kept it open without finishing\)\./);
    assert.match(error.message, /cometComplete\.totalTimeoutSeconds/);
    const req = await server.waitForRequest(1);
    await req.waitForClientClose(3000);
    await waitUntil(() => sent > 0, { timeoutMs: 3000, message: 'the trickle handler never finished' });
    assert.ok(sent >= 2, `the server trickled ${sent} bytes`);
  });

  it('the same trickle as a non-streamed body is cut off too', async function () {
    this.timeout(20_000);
    server.handle(async (req, res) => {
      await trickle(req, res, { contentType: 'application/json', text: '{"choices": [' });
    });
    const outcome = await requestCompletion(config({ idleTimeoutMs: 3000, totalTimeoutMs: 1500 }), { ...STREAM_BODY, stream: false });
    assert.match(expectError(outcome, 'timeout').message, /took longer than 1\.5 s in all/);
    await (await server.waitForRequest(1)).waitForClientClose(3000);
  });

  it('a connection that never completes (TLS handshake never answered) → timeout (connect), socket closed, nothing sent in clear', async function () {
    const silent = await SilentTcpServer.start();
    try {
      const baseUrl = `https://127.0.0.1:${silent.port}/v1`;
      const outcome = await requestCompletion({ baseUrl, apiKey: KEY, timeoutMs: 5000, connectTimeoutMs: 300 }, STREAM_BODY);
      const error = expectError(outcome, 'timeout');
      assert.equal(
        error.message,
        `Could not connect to POST ${baseUrl}/completions within 0.3 s. Check that the server is running and reachable; ` +
          'raise “cometComplete.connectTimeoutSeconds” if the network is just slow.',
      );
      assert.equal(outcome.meta.status, undefined);
      assert.equal(silent.connectionsSeen, 1);
      await silent.waitForNoOpenConnections(3000);
      const wire = Buffer.concat(silent.received).toString('latin1');
      assert.ok(!wire.includes(KEY) && !wire.includes('Authorization'), 'the request (and its key) was never sent before the handshake');
      assertKeyAbsent(outcome);
    } finally {
      await silent.close();
    }
  });

  it('the connect timeout does not cut a slow first byte: a stream answered after the connect limit succeeds', async function () {
    server.handle(async (req, res) => {
      await new Promise((resolve) => setTimeout(resolve, 400));
      await streamCompletion(res, { pieces: ['late', ' but fine'] });
    });
    const outcome = await requestCompletion(config({ connectTimeoutMs: 150, timeoutMs: 5000 }), STREAM_BODY);
    assert.ok(outcome.ok, outcome.ok ? '' : outcome.error.message);
    assert.equal(outcome.result.choices[0].text, 'late but fine');
  });

  it('connection refused → network, not retried (the server is not there)', async function () {
    const gone = await OpenAiTestServer.start();
    const baseUrl = gone.baseUrl;
    await gone.close();
    const outcome = await requestWithRetries({ baseUrl, apiKey: KEY, timeoutMs: 2000 }, STREAM_BODY, {}, noWait);
    const error = expectError(outcome, 'network');
    assert.match(error.message, /refused/);
    assert.equal(error.networkCode, 'ECONNREFUSED');
    assert.equal(outcome.attempts, 1);
  });

  it('aborting mid-stream closes the connection at once → aborted', async function () {
    const controller = new AbortController();
    server.handle((req, res) => streamCompletion(res, { pieces: ['one', 'two'], done: 'hang' }));
    const outcome = await requestCompletion(config(), STREAM_BODY, { signal: controller.signal, onDelta: (d) => d.text === 'two' && controller.abort() });
    expectError(outcome, 'aborted');
    await (await server.waitForRequest(1)).waitForClientClose(3000);
  });
});
