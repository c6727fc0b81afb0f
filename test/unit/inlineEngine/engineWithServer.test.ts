/**
 * The engine over real HTTP: the loopback OpenAI-compatible server sees what the editor's
 * typing does to connections.
 */
import * as assert from 'node:assert/strict';
import { InlineCompletionEngine } from '../../../src/core/inlineEngine/inlineCompletionEngine';
import { StreamEnd } from '../../../src/core/inlineEngine/inlineEngineTypes';
import { completionChunk, OpenAiTestServer, startSse, streamCompletion, writeSseData } from '../../support/openAiTestServer';
import { cutAtStop } from '../../support/profiles/profileWire';
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
    // 'comp' arrives; it ends no line, so the client holds it (lineGrouping.ts) and the engine reads it there.
    await new Promise((resolve) => setTimeout(resolve, 50));
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

  describe('the block-exit stop (blockExitStop.ts)', () => {
    // The cursor in a loop inside a function: the stop is the function's closing line.
    const prefix = 'function f(items) {\n  for (const item of items) {\n    ';
    const exit = '\n}\n';

    /** Streams `model` as a server that honours `stop` does (llama-server: the stop text is not sent), with `stopReason` on the last chunk when given. */
    function serveModel(model: string, stopReason?: (matched: string | null) => unknown): void {
      server.handle(async (req, res) => {
        const cut = cutAtStop(model, req.body.stop);
        const matched = cut.matched ?? null;
        const pieces = cut.text.match(/[^\n]*\n?/g)!.filter((piece) => piece !== '');
        startSse(res);
        for (const piece of pieces) await writeSseData(res, completionChunk([{ text: piece, index: 0, logprobs: null, finish_reason: null }]));
        const last = { text: '', index: 0, logprobs: null, finish_reason: 'stop' as const, ...(stopReason ? { stop_reason: stopReason(matched) } : {}) };
        await writeSseData(res, completionChunk([last]));
        res.end('data: [DONE]\n\n');
      });
    }

    /** What the engine shows at `at` once the stream has ended (the first call resolves at the first line). */
    async function settled(at: string): Promise<string[]> {
      const endsBefore = ended.length;
      await engine.suggest(contextAt(at), token().signal);
      for (let waited = 0; ended.length === endsBefore && waited < 5000; waited += 10) await new Promise((resolve) => setTimeout(resolve, 10));
      return (await engine.suggest(contextAt(at), token().signal)).items;
    }

    it('goes out with a multi-line request', async () => {
      serveModel('use(item);\n  }\n}\n');
      await engine.suggest(contextAt(prefix), token().signal);
      assert.equal(server.requests[0].body.stop[0], exit);
    });

    it('an answer cut there with a block it opened still open gets the closing line back (a server that does not say which stop fired)', async () => {
      // Written two levels too shallow: the `if` block's closer is the enclosing function's closing line.
      serveModel('if (item) {\n  use(item);\n}\nnext();\n');
      assert.deepEqual(await settled(prefix), ['if (item) {\n      use(item);\n    }']);
      assert.equal(server.requests.length, 1);
    });

    it('an answer that ended on its own, its blocks closed, gets nothing added', async () => {
      serveModel('use(item);\n    count++;');
      assert.deepEqual(await settled(prefix), ['use(item);\n    count++;']);
    });

    it('where the server names the stop that fired (vLLM stop_reason), the line comes back exactly then', async () => {
      // Balanced, yet cut at the stop: only stop_reason tells. The cursor ends a loop's opener;
      // the answer is written from column 0, its loop closer is the class's closing line.
      const opener = 'class A {\n  run(items) {\n    for (const item of items) {';
      serveModel('\n  count++;\n}\n', (matched) => matched);
      assert.deepEqual(await settled(opener), ['\n      count++;\n    }']);
      assert.equal(server.requests[0].body.stop[0], exit);
      // Not cut at the stop (an end-of-text token): nothing added, though a block is open.
      serveModel('if (item) {\n  use(item);', () => null);
      assert.deepEqual(await settled(`${prefix}// 2\n    `), ['if (item) {\n      use(item);']);
    });
  });
});
