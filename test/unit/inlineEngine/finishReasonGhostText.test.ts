/**
 * Issue 10, item 3 (ghost text): a suggestion cut off by `max_tokens` never shows its unfinished
 * line, and nothing shows after a `content_filter` stop. Over real HTTP, through the engine.
 */
import * as assert from 'node:assert/strict';
import { InlineCompletionEngine } from '../../../src/core/inlineEngine/inlineCompletionEngine';
import { OpenAiTestServer, streamCompletion, waitUntil } from '../../support/openAiTestServer';
import { contextAt, engineOverHttp, token } from './engineTestKit';

describe('ghost text honours finish_reason (issue 10 item 3)', () => {
  let server: OpenAiTestServer;
  let engine: InlineCompletionEngine;
  let ended: string[];

  beforeEach(async () => {
    server = await OpenAiTestServer.start();
    ended = [];
    engine = engineOverHttp(server.baseUrl, 5, (end) => ended.push(end));
  });

  afterEach(async () => {
    engine.dispose();
    await server.close();
  });

  it('single line cut by max_tokens (finish_reason length): nothing is shown', async () => {
    server.handle((req, res) => streamCompletion(res, { pieces: ['compute(', 'a, '], finishReason: 'length' }));
    const result = await engine.suggest(contextAt('const total = '), token().signal);
    assert.deepEqual(result.items, []);
  });

  it('multi-line with finish_reason stop keeps its last line', async () => {
    server.handle((req, res) => streamCompletion(res, { pieces: ['\n', '  a();\n', '  b();\n', '  return 1;'], finishReason: 'stop' }));
    await engine.suggest(contextAt('function f() {'), token().signal);
    await waitUntil(() => ended.length === 1, { message: 'the request never ended' });
    const after = await engine.suggest(contextAt('function f() {'), token().signal);
    assert.deepEqual(after.items, ['\n  a();\n  b();\n  return 1;']);
  });

  it('the same line with finish_reason stop is shown', async () => {
    server.handle((req, res) => streamCompletion(res, { pieces: ['compute(', 'a);'], finishReason: 'stop' }));
    const result = await engine.suggest(contextAt('const total = '), token().signal);
    assert.deepEqual(result.items, ['compute(a);']);
  });

  it('multi-line cut by max_tokens: the complete lines only, never the unfinished last one', async () => {
    server.handle((req, res) => streamCompletion(res, { pieces: ['\n', '  a();\n', '  b();\n', '  retu'], finishReason: 'length' }));
    const first = await engine.suggest(contextAt('function f() {'), token().signal);
    assert.ok(first.items.every((item) => !item.includes('retu')), JSON.stringify(first.items));
    await waitUntil(() => ended.length === 1, { message: 'the request never ended' });
    // Once the stream is over, the same position is served from what the request left.
    const after = await engine.suggest(contextAt('function f() {'), token().signal);
    assert.deepEqual(after.items, ['\n  a();\n  b();']);
  });

  it('content_filter: nothing is shown, whatever arrived', async () => {
    server.handle((req, res) => streamCompletion(res, { pieces: ['compute(a);'], finishReason: 'content_filter' }));
    const result = await engine.suggest(contextAt('const total = '), token().signal);
    assert.deepEqual(result.items, []);
  });
});
