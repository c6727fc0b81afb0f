/**
 * Fault injection: servers that send far too much. The client stops reading at the cap, closes
 * the connection (the server sees it and stops writing long before 10 MB), and reports a
 * protocol error; it never buffers the rest.
 */
import * as assert from 'node:assert/strict';
import { ClientConfig, requestCompletion } from '../../../src/core/client/completionClient';
import { OpenAiTestServer, completionChunk, sendLarge } from '../../support/openAiTestServer';
import { JSON_BODY, KEY, STREAM_BODY, assertKeyAbsent, expectError } from './faultSupport';

const TEN_MB = 10 * 1024 * 1024;

let server: OpenAiTestServer;

function config(overrides: Partial<ClientConfig> = {}): ClientConfig {
  return { baseUrl: server.baseUrl, apiKey: KEY, timeoutMs: 5000, ...overrides };
}

describe('faults: oversized responses', function () {
  let results: Array<{ written: number; stoppedByClient: boolean }>;

  beforeEach(async function () {
    server = await OpenAiTestServer.start();
    results = [];
  });

  afterEach(async function () {
    try {
      assert.deepEqual(server.handlerErrors, [], 'test server handlers threw');
      await server.waitForNoOpenResponses(3000);
    } finally {
      await server.close();
    }
  });

  async function expectCutOff(): Promise<void> {
    const req = await server.waitForRequest(1);
    await req.waitForClientClose(5000);
    assert.equal(results.length, 1, 'the handler finished');
    assert.equal(results[0].stoppedByClient, true, 'the client closed the connection before the server wrote everything');
    assert.ok(results[0].written < TEN_MB, `the server wrote only ${results[0].written} bytes before the client closed`);
  }

  it('a 10 MB JSON body → protocol "larger than 1 MB", connection closed', async function () {
    server.handle(async (req, res) => {
      results.push(await sendLarge(res, { contentType: 'application/json', head: '{"choices":[{"text":"', totalBytes: TEN_MB, tail: '"}]}' }));
    });
    const outcome = await requestCompletion(config(), JSON_BODY);
    const error = expectError(outcome, 'protocol');
    assert.match(error.message, /^The response from POST http:\/\/127\.0\.0\.1:\d+\/v1\/completions is larger than 1 MB, so it was cut off\./);
    assert.match(error.message, /OpenAI-compatible \/v1 endpoint/);
    assertKeyAbsent(outcome);
    await expectCutOff();
  });

  it('the cap is a ClientConfig option (maxResponseBytes)', async function () {
    server.handle(async (req, res) => {
      results.push(await sendLarge(res, { contentType: 'application/json', totalBytes: TEN_MB }));
    });
    const error = expectError(await requestCompletion(config({ maxResponseBytes: 64 * 1024 }), JSON_BODY), 'protocol');
    assert.match(error.message, /larger than 64 KB/);
    await expectCutOff();
  });

  it('a 10 MB single SSE line (never ended) → protocol "line or event larger", connection closed', async function () {
    server.handle(async (req, res) => {
      results.push(await sendLarge(res, { contentType: 'text/event-stream', head: 'data: {"choices":[{"text":"', totalBytes: TEN_MB }));
    });
    const outcome = await requestCompletion(config(), STREAM_BODY);
    const error = expectError(outcome, 'protocol');
    assert.match(error.message, /^The stream sent a line or event larger than the limit of 1048576 characters, so it was cut off \(POST http:\/\/127\.0\.0\.1:\d+\/v1\/completions\)\./);
    assertKeyAbsent(outcome);
    await expectCutOff();
  });

  it('a 10 MB event made of many short data: lines → the same error', async function () {
    server.handle(async (req, res) => {
      results.push(await sendLarge(res, { contentType: 'text/event-stream', filler: 'data: xxxxxxxxxxxxxxxxxxxxxxxxxx\n', totalBytes: TEN_MB }));
    });
    expectError(await requestCompletion(config(), STREAM_BODY), 'protocol');
    await expectCutOff();
  });

  it('10 MB of valid completion chunks past maxStreamBytes → protocol "streamed response larger", connection closed', async function () {
    const event = `data: ${JSON.stringify(completionChunk([{ text: 'abcdefghijklmnopqrstuvwxyz', index: 0, logprobs: null, finish_reason: null }]))}\n\n`;
    server.handle(async (req, res) => {
      results.push(await sendLarge(res, { contentType: 'text/event-stream', filler: event, chunkBytes: event.length * 100, totalBytes: TEN_MB }));
    });
    let delivered = 0;
    const outcome = await requestCompletion(config({ maxStreamBytes: 2 * 1024 * 1024 }), STREAM_BODY, { onDelta: (d) => (delivered += d.text.length) });
    const error = expectError(outcome, 'protocol');
    assert.match(error.message, /^The streamed response from POST .* is larger than 2 MB, so it was cut off\./);
    assert.ok(delivered > 0, 'text before the cap was delivered');
    await expectCutOff();
  });

  it('a 10 MB error body → the HTTP error from its first 64 KB, connection closed', async function () {
    server.handle(async (req, res) => {
      results.push(await sendLarge(res, { status: 500, contentType: 'text/plain', head: `upstream exploded; you sent ${KEY} `, totalBytes: TEN_MB }));
    });
    const outcome = await requestCompletion(config(), STREAM_BODY);
    const error = expectError(outcome, 'server');
    assert.match(error.serverMessage ?? '', /^upstream exploded; you sent \[redacted\] x+…$/);
    assertKeyAbsent(outcome);
    await expectCutOff();
  });
});
