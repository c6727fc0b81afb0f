/**
 * The engine over real HTTP: the loopback OpenAI-compatible server sees what the editor's
 * typing does to connections.
 */
import * as assert from 'node:assert/strict';
import { InlineCompletionEngine } from '../../../src/core/inlineEngine/inlineCompletionEngine';
import { StreamEnd } from '../../../src/core/inlineEngine/inlineEngineTypes';
import { completionChunk, OpenAiTestServer, startSse, streamCompletion, writeSseData } from '../../support/openAiTestServer';
import { contextAt, engineOverHttp, token } from './engineTestKit';

describe('InlineCompletionEngine over HTTP', () => {
  let server: OpenAiTestServer;
  let engine: InlineCompletionEngine;
  let ended: StreamEnd[];

  beforeEach(async () => {
    server = await OpenAiTestServer.start({ defaultText: 'fresh();' });
    ended = [];
    engine = engineOverHttp(server.baseUrl, 3, (end) => ended.push(end));
  });

  afterEach(async () => {
    engine.dispose();
    await server.close();
  });

  it('typing something the stream did not produce closes its connection, and the next request goes out', async () => {
    server.handle(async (req, res) => {
      startSse(res);
      await writeSseData(res, completionChunk([{ text: 'comp', index: 0, logprobs: null, finish_reason: null }]));
      await req.whenResponseClosed;
    });
    const first = token();
    void engine.suggest(contextAt('const total = '), first.signal);
    const stalled = await server.waitForRequest(1);
    first.abort();
    const next = engine.suggest(contextAt('const total = x'), token().signal);
    await stalled.waitForClientClose(5000);
    assert.deepEqual((await next).items, ['fresh();']);
    assert.equal(server.requests.length, 2);
  });

  it('typing what the stream produced keeps its connection open and serves the rest', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    server.handle(async (req, res) => {
      startSse(res);
      await writeSseData(res, completionChunk([{ text: 'comp', index: 0, logprobs: null, finish_reason: null }]));
      await gate;
      await streamCompletion(res, { pieces: ['ute(1);'] });
    });
    const first = token();
    void engine.suggest(contextAt('const total = '), first.signal);
    const request = await server.waitForRequest(1);
    await new Promise((resolve) => setTimeout(resolve, 50)); // 'comp' arrives
    first.abort();
    const next = engine.suggest(contextAt('const total = co'), token().signal);
    release();
    assert.deepEqual((await next).items, ['mpute(1);']);
    assert.equal(request.closedByClient, false);
    assert.equal(server.requests.length, 1);
  });

  it('stops a multi-line stream once enough lines are in: the server sees the close, the engine a success', async () => {
    server.handle(async (req, res) => {
      await streamCompletion(res, { pieces: ['\n', '  a();\n', '  b();\n', '  c();\n', '  d();\n'], done: 'hang' });
      await req.whenResponseClosed;
    });
    const result = await engine.suggest(contextAt('function f() {'), token().signal);
    assert.match(result.items[0], /^\n {2}a\(\);/);
    await (await server.waitForRequest(1)).waitForClientClose(5000);
    assert.deepEqual(ended, ['stoppedEarly']);
    const cached = await engine.suggest(contextAt('function f() {'), token().signal);
    assert.deepEqual(cached.items, ['\n  a();\n  b();']);
  });
});
