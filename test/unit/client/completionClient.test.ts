/**
 * requestCompletion against a real loopback HTTP server speaking the OpenAI wire format.
 * Every request body the client sends is validated against the OpenAI schema's
 * CreateCompletionRequest, and every completion object / stream chunk the test server sends
 * against CreateCompletionResponse (see afterEach).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as util from 'node:util';
import Ajv, { ValidateFunction } from 'ajv';
import { ApiError } from '../../../src/core/client/apiError';
import { ClientConfig, CompletionOutcome, RequestHooks, requestCompletion } from '../../../src/core/client/completionClient';
import type { CompletionDelta, CompletionRequestBody } from '../../../src/core/client/completionTypes';
import { LineGrouping } from '../../../src/core/client/lineGrouping';
import { StopSignal, StopSource } from '../../../src/core/client/stopSignal';
import {
  ALTERNATIVE_TOKEN,
  OpenAiTestServer,
  RecordedRequest,
  WireCompletion,
  completionChunk,
  endResponse,
  isOpen,
  sendCompletion,
  sendJson,
  sendOpenAiError,
  sleep,
  startSse,
  streamCompletion,
  syntheticLogprob,
  waitUntil,
  writeRaw,
  writeSseComment,
  writeSseData,
  writeSseDone,
  writeSseError,
  writeSseEvent,
} from '../../support/openAiTestServer';

/* ---------------------------------------------------------------------------------------------
 * Schema (the project's own copy; tests never read outside the project)
 * ------------------------------------------------------------------------------------------- */

function findSchemaFile(): string {
  const relative = path.join('test', 'support', 'schema', 'openai-completions.schema.json');
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, relative);
    if (fs.existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir) throw new Error(`cannot find ${relative} above ${__dirname}`);
  }
}

const schema = JSON.parse(fs.readFileSync(findSchemaFile(), 'utf8'));
const ajv = new Ajv({ allErrors: true, strict: false });
ajv.addSchema(schema, 'openai');
const validateRequest = ajv.getSchema('openai#/definitions/CreateCompletionRequest') as ValidateFunction;
const validateResponse = ajv.getSchema('openai#/definitions/CreateCompletionResponse') as ValidateFunction;
/**
 * A stream chunk is a CreateCompletionResponse, except that OpenAI (and every compatible server)
 * sends `"finish_reason": null` until a choice ends, which the spec does not mark nullable.
 * So a chunk with a null finish_reason is validated with only that field relaxed.
 */
const chunkSchema = JSON.parse(JSON.stringify(schema.definitions.CreateCompletionResponse));
const finishReason = chunkSchema.properties.choices.items.properties.finish_reason;
chunkSchema.properties.choices.items.properties.finish_reason = { anyOf: [finishReason, { type: 'null' }] };
chunkSchema.properties.usage = { $ref: 'openai#/definitions/CompletionUsage' };
const validateChunk = ajv.compile(chunkSchema);

function assertValid(validate: ValidateFunction, value: unknown, what: string): void {
  if (!validate(value)) {
    assert.fail(`${what} is not valid against the OpenAI schema: ${ajv.errorsText(validate.errors)}\n${JSON.stringify(value)}`);
  }
}

function assertValidCompletionObject(value: WireCompletion, what: string): void {
  const streamedChunk = value.choices.some((c) => c.finish_reason === null);
  assertValid(streamedChunk ? validateChunk : validateResponse, value, what);
}

/* ---------------------------------------------------------------------------------------------
 * Helpers
 * ------------------------------------------------------------------------------------------- */

const KEY = 'sk-test-S3CRET-key-0123456789abcdef';

const BODY: CompletionRequestBody = {
  model: 'gpt-3.5-turbo-instruct',
  prompt: 'def add(a, b):\n    return',
  max_tokens: 16,
  temperature: 0.2,
  top_p: 1,
  n: 1,
  stream: true,
};

let server: OpenAiTestServer;

function config(overrides: Partial<ClientConfig> = {}): ClientConfig {
  return { baseUrl: server.baseUrl, apiKey: KEY, timeoutMs: 5000, ...overrides };
}

function body(overrides: Partial<CompletionRequestBody> = {}): CompletionRequestBody {
  return { ...BODY, ...overrides };
}

interface Run {
  outcome: CompletionOutcome;
  deltas: CompletionDelta[];
}

async function run(
  bodyOverrides: Partial<CompletionRequestBody> = {},
  configOverrides: Partial<ClientConfig> = {},
  hooks: RequestHooks = {},
): Promise<Run> {
  const deltas: CompletionDelta[] = [];
  const outcome = await requestCompletion(config(configOverrides), body(bodyOverrides), {
    ...hooks,
    onDelta: (d) => {
      deltas.push(d);
      hooks.onDelta?.(d);
    },
  });
  return { outcome, deltas };
}

function expectOk(outcome: CompletionOutcome) {
  if (!outcome.ok) assert.fail(`expected success, got ${outcome.error.kind}: ${outcome.error.message}`);
  return outcome.result;
}

function expectError(outcome: CompletionOutcome, kind: ApiError['kind']): ApiError {
  if (outcome.ok) assert.fail(`expected a ${kind} error, got success: ${JSON.stringify(outcome.result)}`);
  assert.ok(outcome.error instanceof ApiError, 'error is an ApiError');
  assert.equal(outcome.error.kind, kind, `kind (message: ${outcome.error.message})`);
  return outcome.error;
}

/** Every way an outcome can be shown or logged; none may contain the key. */
function assertKeyAbsent(outcome: CompletionOutcome): void {
  const texts: Array<[string, string | undefined]> = [
    ['JSON.stringify(outcome)', JSON.stringify(outcome)],
    ['util.inspect(outcome)', util.inspect(outcome, { depth: 10 })],
  ];
  if (!outcome.ok) {
    const e = outcome.error;
    texts.push(
      ['message', e.message],
      ['serverMessage', e.serverMessage],
      ['serverType', e.serverType],
      ['serverCode', e.serverCode],
      ['String(error)', String(e)],
      ['stack', e.stack],
      ['JSON of all own properties', JSON.stringify(e, Object.getOwnPropertyNames(e))],
    );
  }
  for (const [where, text] of texts) {
    assert.ok(!(text ?? '').includes(KEY), `the key leaked into ${where}: ${text}`);
    assert.ok(!(text ?? '').includes(KEY.slice(0, 20)), `part of the key leaked into ${where}: ${text}`);
  }
}

function sse(data: unknown): string {
  return `data: ${typeof data === 'string' ? data : JSON.stringify(data)}\n\n`;
}

/** Stalls a handler until the client (or the server shutdown) closes the response. */
async function stall(req: RecordedRequest): Promise<void> {
  await req.whenResponseClosed;
}

/* ---------------------------------------------------------------------------------------------
 * Suite
 * ------------------------------------------------------------------------------------------- */

describe('completionClient.requestCompletion (loopback OpenAI-compatible server)', function () {
  beforeEach(async function () {
    server = await OpenAiTestServer.start();
  });

  afterEach(async function () {
    try {
      assert.deepEqual(server.handlerErrors, [], 'test server handlers threw');
      for (const req of server.requests) {
        if (req.method === 'POST' && req.url.endsWith('/completions')) {
          assertValid(validateRequest, req.body, `request body #${req.index}`);
        }
        req.sentCompletions.forEach((c, i) => assertValidCompletionObject(c, `completion object ${i} sent for request #${req.index}`));
      }
    } finally {
      await server.close();
    }
  });

  describe('the request on the wire', function () {
    it('POSTs every parameter to {baseUrl}/completions as JSON with the key as a Bearer header', async function () {
      const { outcome } = await run(
        { suffix: '\n\nprint(add(1, 2))', max_tokens: 42, temperature: 0.7, top_p: 0.9, n: 2, logprobs: 3, stop: ['\n\n', 'def ', '#', '"""'] },
        { userAgent: 'comet-complete-test/1.0' },
      );
      expectOk(outcome);
      const req = await server.waitForRequest(1);
      assert.equal(req.method, 'POST');
      assert.equal(req.url, '/v1/completions');
      assert.deepEqual(req.body, {
        model: 'gpt-3.5-turbo-instruct',
        prompt: 'def add(a, b):\n    return',
        suffix: '\n\nprint(add(1, 2))',
        max_tokens: 42,
        temperature: 0.7,
        top_p: 0.9,
        n: 2,
        stream: true,
        stream_options: { include_usage: true },
        logprobs: 3,
        stop: ['\n\n', 'def ', '#', '"""'],
      });
      assert.match(String(req.headers['content-type']), /^application\/json/);
      assert.equal(req.headers.accept, 'text/event-stream');
      assert.equal(req.headers.authorization, `Bearer ${KEY}`);
      assert.equal(req.headers['user-agent'], 'comet-complete-test/1.0');
    });

    it('omits logprobs when null, stop when empty and suffix when absent; no Authorization without a key', async function () {
      const { outcome } = await run(
        { logprobs: null as unknown as undefined, stop: [], stream: false },
        { apiKey: undefined },
      );
      expectOk(outcome);
      const req = await server.waitForRequest(1);
      assert.deepEqual(Object.keys(req.body).sort(), ['max_tokens', 'model', 'n', 'prompt', 'stream', 'temperature', 'top_p']);
      assert.equal(req.body.stream, false);
      assert.equal(req.headers.authorization, undefined);
      assert.equal(req.headers.accept, 'application/json');
    });

    it('treats a blank key as no key', async function () {
      expectOk((await run({}, { apiKey: '   ' })).outcome);
      assert.equal((await server.waitForRequest(1)).headers.authorization, undefined);
    });

    it('sends at most 4 non-empty stop sequences', async function () {
      expectOk((await run({ stop: ['a', '', 'b', 'c', 'd', 'e'] })).outcome);
      assert.deepEqual((await server.waitForRequest(1)).body.stop, ['a', 'b', 'c', 'd']);
    });

    it('sends logprobs: 0 (a number, not "off")', async function () {
      expectOk((await run({ logprobs: 0 })).outcome);
      assert.equal((await server.waitForRequest(1)).body.logprobs, 0);
    });

    it('strips trailing slashes from the base URL and reports the URL in meta', async function () {
      const { outcome } = await run({}, { baseUrl: `${server.baseUrl}//` });
      expectOk(outcome);
      assert.equal((await server.waitForRequest(1)).url, '/v1/completions');
      assert.equal(outcome.meta.url, `${server.baseUrl}/completions`);
    });

    it('sends the key only as the Authorization: Bearer header', async function () {
      expectOk((await run()).outcome);
      const req = await server.waitForRequest(1);
      assert.ok(!req.url.includes(KEY), 'key in URL');
      assert.ok(!req.rawBody.includes(KEY), 'key in body');
      const headersWithKey = Object.entries(req.headers).filter(([, v]) => String(v).includes(KEY));
      assert.deepEqual(headersWithKey, [['authorization', `Bearer ${KEY}`]]);
    });

    it('refuses an unusable base URL before sending anything (kind config)', async function () {
      const outcome = await requestCompletion({ baseUrl: 'not a url', timeoutMs: 1000 }, body());
      const error = expectError(outcome, 'config');
      assert.match(error.message, /not a valid URL/);
      const ftp = await requestCompletion({ baseUrl: 'ftp://127.0.0.1/v1', timeoutMs: 1000 }, body());
      assert.match(expectError(ftp, 'config').message, /http:\/\/ or https:\/\//);
      assert.equal(server.requests.length, 0);
    });
  });

  describe('streaming', function () {
    it('delivers each piece through onDelta and assembles the result', async function () {
      server.handle((req, res) => streamCompletion(res, { pieces: ['Hel', 'lo', ', wor', 'ld'], id: 'cmpl-abc', model: 'm-1', created: 1700000123 }));
      const { outcome, deltas } = await run();
      const result = expectOk(outcome);
      assert.deepEqual(
        deltas.map((d) => d.text),
        ['Hel', 'lo', ', wor', 'ld'],
      );
      assert.ok(deltas.every((d) => d.index === 0 && d.logprobs.length === 0));
      assert.equal(result.id, 'cmpl-abc');
      assert.equal(result.model, 'm-1');
      assert.equal(result.created, 1700000123);
      assert.deepEqual(result.choices, [{ index: 0, text: 'Hello, world', finishReason: 'stop', logprobs: [] }]);
      assert.equal(result.usage, undefined);
      assert.equal(outcome.meta.status, 200);
      assert.equal(typeof outcome.meta.firstByteMs, 'number');
      assert.ok(outcome.meta.totalMs >= (outcome.meta.firstByteMs ?? 0), 'totalMs >= firstByteMs');
      assert.ok(!outcome.meta.url.includes(KEY));
    });

    it('with `lines`, delivers by complete lines: pieces inside a line wait for its end, the last line for the end of the stream', async function () {
      server.handle((req, res) => streamCompletion(res, { pieces: ['def ', 'foo', '():', '\n    ', 'return', ' 1', '\n', 'x', ' = 2'] }));
      const lines = new LineGrouping();
      const heldBeforeEnd: string[] = [];
      const { outcome, deltas } = await run({}, {}, { lines, onDelta: () => heldBeforeEnd.push(lines.held(0).text) });
      const result = expectOk(outcome);
      assert.deepEqual(
        deltas.map((d) => [d.text, d.pieces ?? 1]),
        [
          ['def foo():\n    ', 4],
          ['return 1\n', 3],
          ['x = 2', 2],
        ],
      );
      assert.equal(deltas.map((d) => d.text).join(''), result.choices[0].text, 'all the text, in order, before the outcome');
      assert.deepEqual(lines.held(0), { text: '', pieces: 0 });
      assert.deepEqual(heldBeforeEnd, ['', '', '']);
    });

    it('with `lines`, a stream that breaks still delivers the line it was in (as without)', async function () {
      server.handle((req, res) => streamCompletion(res, { pieces: ['partial', ' text'], done: false, finish: 'none' }));
      const { outcome, deltas } = await run({}, {}, { lines: new LineGrouping() });
      expectError(outcome, 'protocol');
      assert.deepEqual(
        deltas.map((d) => d.text),
        ['partial text'],
      );
    });

    it('reads usage from the last chunk', async function () {
      server.handle((req, res) => streamCompletion(res, { pieces: ['a', 'b'], usage: { prompt_tokens: 9, completion_tokens: 2, total_tokens: 11 } }));
      const result = expectOk((await run()).outcome);
      assert.deepEqual(result.usage, { promptTokens: 9, completionTokens: 2, totalTokens: 11 });
    });

    it('carries finish_reason "length" and "stop" per choice, also when sent on the last text chunk', async function () {
      server.handle((req, res) => streamCompletion(res, { choices: [['x'], ['y', 'z']], finishReason: ['length', 'stop'], finish: 'inline' }));
      const result = expectOk((await run({ n: 2, stop: ['\n'] })).outcome);
      assert.deepEqual(
        result.choices.map((c) => [c.index, c.text, c.finishReason]),
        [
          [0, 'x', 'length'],
          [1, 'yz', 'stop'],
        ],
      );
    });

    it('keeps n=2 interleaved choices apart by index', async function () {
      server.handle((req, res) =>
        streamCompletion(res, { choices: [['def ', 'foo', '():'], ['class ', 'Bar', ':', ' pass']], usage: true }),
      );
      const { outcome, deltas } = await run({ n: 2 });
      const result = expectOk(outcome);
      assert.deepEqual(
        result.choices.map((c) => [c.index, c.text, c.finishReason]),
        [
          [0, 'def foo():', 'stop'],
          [1, 'class Bar: pass', 'stop'],
        ],
      );
      assert.deepEqual(
        deltas.map((d) => `${d.index}:${d.text}`),
        ['0:def ', '1:class ', '0:foo', '1:Bar', '0:():', '1::', '1: pass'],
      );
      assert.equal(result.usage?.completionTokens, 7);
    });

    it('sorts choices by index even when index 1 arrives first', async function () {
      server.handle(async (req, res) => {
        await writeSseData(res, completionChunk([{ text: 'second', index: 1, logprobs: null, finish_reason: 'stop' }]));
        await writeSseData(res, completionChunk([{ text: 'first', index: 0, logprobs: null, finish_reason: 'stop' }]));
        await writeSseDone(res);
        await endResponse(res);
      });
      const result = expectOk((await run({ n: 2 })).outcome);
      assert.deepEqual(
        result.choices.map((c) => c.text),
        ['first', 'second'],
      );
    });

    it('decodes multi-byte UTF-8 characters split across TCP writes (é, €, emoji)', async function () {
      const texts = ['Start', 'Café', ' costs 5€', ' 😀!'];
      const chunks = texts.map((text, i) =>
        completionChunk([{ text, index: 0, logprobs: null, finish_reason: i === texts.length - 1 ? 'stop' : null }]),
      );
      chunks.forEach((c, i) => assertValidCompletionObject(c, `raw chunk ${i}`));
      const bytes = Buffer.from(chunks.map(sse).join('') + sse('[DONE]'), 'utf8');
      // Cut inside each multi-byte character: after the first byte of é (2 bytes),
      // of € (3 bytes), and after the second byte of 😀 (4 bytes).
      const cuts = [bytes.indexOf(Buffer.from('é')) + 1, bytes.indexOf(Buffer.from('€')) + 1, bytes.indexOf(Buffer.from('😀')) + 2];
      assert.ok(cuts.every((c, i) => c > 0 && (i === 0 || c > cuts[i - 1])), 'cut points found in order');
      const parts = [bytes.subarray(0, cuts[0]), bytes.subarray(cuts[0], cuts[1]), bytes.subarray(cuts[1], cuts[2]), bytes.subarray(cuts[2])];
      const received: string[] = [];
      server.handle(async (req, res) => {
        startSse(res);
        // Each write holds the end of one event and half of a character of the next; the next write
        // is sent only after the client has decoded the complete event, so the halves arrive apart.
        for (let i = 0; i < parts.length; i++) {
          await writeRaw(res, parts[i]);
          if (i < parts.length - 1) {
            await waitUntil(() => received.length >= i + 1 || !isOpen(res), {
              timeoutMs: 3000,
              message: `the client never decoded event ${i} (${JSON.stringify(texts[i])}); got ${JSON.stringify(received)}`,
            });
          }
        }
        await endResponse(res);
      });
      const { outcome } = await run({}, {}, { onDelta: (d) => received.push(d.text) });
      const result = expectOk(outcome);
      assert.deepEqual(received, texts);
      assert.equal(result.choices[0].text, 'StartCafé costs 5€ 😀!');
      assert.ok(!result.choices[0].text.includes('\uFFFD'), 'no replacement character');
    });

    it('normalises legacy logprobs ({tokens, token_logprobs, top_logprobs, text_offset})', async function () {
      server.handle((req, res) => streamCompletion(res, { pieces: ['foo', ' bar'], logprobs: 'legacy' }));
      const { outcome, deltas } = await run({ logprobs: 2 });
      const result = expectOk(outcome);
      assert.deepEqual(result.choices[0].logprobs, [
        { token: 'foo', logprob: syntheticLogprob(0), top: [{ token: 'foo', logprob: syntheticLogprob(0) }, { token: ALTERNATIVE_TOKEN, logprob: syntheticLogprob(0) - 1 }] },
        { token: ' bar', logprob: syntheticLogprob(1), top: [{ token: ' bar', logprob: syntheticLogprob(1) }, { token: ALTERNATIVE_TOKEN, logprob: syntheticLogprob(1) - 1 }] },
      ]);
      assert.deepEqual(
        deltas.map((d) => d.logprobs.map((l) => l.token)),
        [['foo'], [' bar']],
      );
    });

    it('normalises chat-style logprobs ({content: [{token, logprob, top_logprobs}]}) as llama.cpp sends them', async function () {
      server.handle((req, res) => streamCompletion(res, { pieces: ['x', 'y'], logprobs: 'chat' }));
      const result = expectOk((await run({ logprobs: 1 })).outcome);
      assert.deepEqual(
        result.choices[0].logprobs.map((l) => [l.token, l.logprob, l.top.map((t) => t.token)]),
        [
          ['x', syntheticLogprob(0), ['x', ALTERNATIVE_TOKEN]],
          ['y', syntheticLogprob(1), ['y', ALTERNATIVE_TOKEN]],
        ],
      );
    });

    it('fails with kind protocol when the stream ends before [DONE] and a finish_reason, after delivering what came', async function () {
      server.handle((req, res) => streamCompletion(res, { pieces: ['partial', ' text'], done: false, finish: 'none' }));
      const { outcome, deltas } = await run();
      const error = expectError(outcome, 'protocol');
      assert.match(error.message, /^The stream ended before \[DONE\]/);
      assert.ok(error.message.includes(`${server.baseUrl}/completions`), error.message);
      assert.deepEqual(
        deltas.map((d) => d.text),
        ['partial', ' text'],
      );
      assert.equal(outcome.meta.status, 200);
    });

    it('fails with kind stream and the server message on a {"error": …} object mid-stream', async function () {
      server.handle(async (req, res) => {
        await writeSseData(res, completionChunk([{ text: 'ok so far', index: 0, logprobs: null, finish_reason: null }]));
        await writeSseError(res, { message: 'The model crashed while generating.', type: 'server_error', code: 'model_crash' });
        await endResponse(res);
      });
      const { outcome, deltas } = await run();
      const error = expectError(outcome, 'stream');
      assert.equal(error.serverMessage, 'The model crashed while generating.');
      assert.equal(error.serverType, 'server_error');
      assert.equal(error.serverCode, 'model_crash');
      assert.equal(error.message, 'The server reported an error during the completion: The model crashed while generating.');
      assert.deepEqual(
        deltas.map((d) => d.text),
        ['ok so far'],
      );
    });

    it("understands llama.cpp's `error: {...}` line and `event: error` as stream errors", async function () {
      server.handle(async (req, res) => {
        startSse(res);
        await writeRaw(res, 'error: {"code":500,"message":"context shift is disabled","type":"server_error"}\n\n');
        await endResponse(res);
      });
      const first = expectError((await run()).outcome, 'stream');
      assert.equal(first.serverMessage, 'context shift is disabled');
      assert.equal(first.serverCode, '500');

      server.handle(async (req, res) => {
        await writeSseEvent(res, 'error', { error: { message: 'overloaded' } });
        await endResponse(res);
      });
      assert.equal(expectError((await run()).outcome, 'stream').serverMessage, 'overloaded');
    });

    it('ignores SSE comments, unknown event names, id/retry fields and empty data', async function () {
      server.handle(async (req, res) => {
        await writeSseComment(res, 'OPENROUTER PROCESSING');
        await writeSseData(res, completionChunk([{ text: 'a', index: 0, logprobs: null, finish_reason: null }]));
        await writeSseEvent(res, 'ping', { type: 'ping', text: 'ignored' });
        await writeSseEvent(res, 'metrics', '{"choices":[{"text":"ALSO IGNORED","index":0}]}');
        await writeRaw(res, 'id: 7\nretry: 1000\ndata: \n\n');
        await writeRaw(res, ': keep-alive\r\n\r\n');
        await writeRaw(res, `event: message\r\n${sse(completionChunk([{ text: 'b', index: 0, logprobs: null, finish_reason: 'stop' }])).replace(/\n/g, '\r\n')}`);
        await writeSseDone(res);
        await endResponse(res);
      });
      const { outcome, deltas } = await run();
      assert.equal(expectOk(outcome).choices[0].text, 'ab');
      assert.deepEqual(
        deltas.map((d) => d.text),
        ['a', 'b'],
      );
    });

    it('tolerates real servers: chatcmpl- ids, extra fields, empty text and empty choices, usage anywhere, object missing', async function () {
      server.handle(async (req, res) => {
        const extra = { system_fingerprint: 'b4567-llama.cpp', timings: { prompt_n: 5, predicted_ms: 12.5 } };
        const base = { id: 'chatcmpl-QxYz', model: 'qwen2.5-coder-1.5b', extra };
        await writeSseData(res, completionChunk([{ text: '', index: 0, logprobs: null, finish_reason: null }], base));
        await writeSseData(res, completionChunk([], { ...base, usage: { prompt_tokens: 1, completion_tokens: 0, total_tokens: 1 } }));
        await writeSseData(res, completionChunk([{ text: 'print', index: 0, logprobs: null, finish_reason: null }], base));
        // Some servers leave out `object` (or send a different one); raw, since it breaks the schema on purpose.
        await writeRaw(res, sse({ id: 'chatcmpl-QxYz', created: 1, model: 'qwen2.5-coder-1.5b', choices: [{ text: '(1)', index: 0, finish_reason: null }] }));
        await writeSseData(res, completionChunk([{ text: '', index: 0, logprobs: null, finish_reason: 'stop' }], base));
        await writeSseData(res, completionChunk([], { ...base, usage: { prompt_tokens: 5, completion_tokens: 2, total_tokens: 7 } }));
        await writeSseDone(res);
        await endResponse(res);
      });
      const { outcome, deltas } = await run();
      const result = expectOk(outcome);
      assert.equal(result.id, 'chatcmpl-QxYz');
      assert.equal(result.model, 'qwen2.5-coder-1.5b');
      assert.deepEqual(result.choices, [{ index: 0, text: 'print(1)', finishReason: 'stop', logprobs: [] }]);
      assert.deepEqual(result.usage, { promptTokens: 5, completionTokens: 2, totalTokens: 7 });
      assert.deepEqual(
        deltas.map((d) => d.text),
        ['print', '(1)'],
      );
    });

    it('accepts a JSON completion when the server ignores stream: true', async function () {
      server.handle((req, res) => sendCompletion(res, { choices: ['whole answer'] }));
      const { outcome, deltas } = await run({ stream: true });
      assert.equal(expectOk(outcome).choices[0].text, 'whole answer');
      assert.deepEqual(
        deltas.map((d) => d.text),
        ['whole answer'],
      );
    });

    it('fails with kind protocol on a stream chunk that is not JSON', async function () {
      server.handle(async (req, res) => {
        startSse(res);
        await writeRaw(res, 'data: this is not json\n\n');
        await endResponse(res);
      });
      const error = expectError((await run()).outcome, 'protocol');
      assert.match(error.message, /does not look like an OpenAI-compatible \/v1 endpoint \(POST http:\/\/127\.0\.0\.1:\d+\/v1\/completions\)/);
    });

    it('stops reading at [DONE] and ignores anything after it', async function () {
      server.handle(async (req, res) => {
        await writeSseData(res, completionChunk([{ text: 'done', index: 0, logprobs: null, finish_reason: 'stop' }]));
        await writeSseDone(res);
        await writeRaw(res, 'data: {"choices":[{"text":" AFTER DONE","index":0}]}\n\n');
        await stall(req);
      });
      const { outcome, deltas } = await run();
      assert.equal(expectOk(outcome).choices[0].text, 'done');
      assert.deepEqual(
        deltas.map((d) => d.text),
        ['done'],
      );
      // Cancelling the reader after [DONE] closes the connection of a response that never ended.
      await (await server.waitForRequest(1)).waitForClientClose(3000);
    });

    it('keeps going when onDelta throws', async function () {
      server.handle((req, res) => streamCompletion(res, { pieces: ['a', 'b'] }));
      const outcome = await requestCompletion(config(), body(), {
        onDelta: () => {
          throw new Error('listener bug');
        },
      });
      assert.equal(expectOk(outcome).choices[0].text, 'ab');
    });
  });

  describe('non-streaming', function () {
    it('returns the same CompletionResult from a JSON completion', async function () {
      server.handle((req, res) =>
        sendCompletion(res, {
          id: 'cmpl-42',
          model: 'davinci-002',
          choices: [['one', ' two'], 'three'],
          finishReason: ['stop', 'length'],
          logprobs: 'legacy',
          usage: { prompt_tokens: 3, completion_tokens: 3, total_tokens: 6 },
          extra: { system_fingerprint: 'fp_x' },
        }),
      );
      const { outcome, deltas } = await run({ stream: false, n: 2, logprobs: 1 });
      const result = expectOk(outcome);
      assert.equal(result.id, 'cmpl-42');
      assert.equal(result.model, 'davinci-002');
      assert.equal(result.created, 1_700_000_000);
      assert.deepEqual(
        result.choices.map((c) => [c.index, c.text, c.finishReason, c.logprobs.map((l) => l.token)]),
        [
          [0, 'one two', 'stop', ['one', ' two']],
          [1, 'three', 'length', ['three']],
        ],
      );
      assert.deepEqual(result.usage, { promptTokens: 3, completionTokens: 3, totalTokens: 6 });
      assert.deepEqual(
        deltas.map((d) => `${d.index}:${d.text}`),
        ['0:one two', '1:three'],
      );
      assert.equal(outcome.meta.status, 200);
    });

    it('tolerates a non-streamed body with chat-style logprobs, no usage and no object field', async function () {
      server.handle((req, res) =>
        sendJson(res, 200, {
          id: 'chatcmpl-1',
          model: 'local',
          choices: [{ index: 0, text: 'hi', finish_reason: 'stop', logprobs: { content: [{ token: 'hi', logprob: -0.5, top_logprobs: [] }] } }],
          timings: { predicted_n: 1 },
        }),
      );
      const result = expectOk((await run({ stream: false })).outcome);
      assert.deepEqual(result.choices, [{ index: 0, text: 'hi', finishReason: 'stop', logprobs: [{ token: 'hi', logprob: -0.5, top: [] }] }]);
      assert.equal(result.usage, undefined);
    });

    it('fails with kind protocol on an HTML page (wrong base URL)', async function () {
      server.handle((req, res) => {
        res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
        res.end('<!doctype html><html><head><title>Welcome to nginx!</title></head><body>hi</body></html>');
      });
      const { outcome } = await run({ stream: false });
      const error = expectError(outcome, 'protocol');
      assert.ok(
        error.message.includes(`does not look like an OpenAI-compatible /v1 endpoint (POST ${server.baseUrl}/completions)`),
        error.message,
      );
      assert.match(error.message, /HTML/);
    });

    it('fails with kind protocol on an HTML page while streaming was asked for', async function () {
      server.handle((req, res) => {
        res.writeHead(200, { 'Content-Type': 'text/html' });
        res.end('<html><body>Login</body></html>');
      });
      assert.match(expectError((await run({ stream: true })).outcome, 'protocol').message, /does not look like an OpenAI-compatible \/v1 endpoint/);
    });

    it('fails with kind protocol on JSON that is not a completion (no choices array)', async function () {
      server.handle((req, res) => sendJson(res, 200, { models: [{ name: 'llama3' }], status: 'ok' }));
      const error = expectError((await run({ stream: false })).outcome, 'protocol');
      assert.ok(error.message.includes(`does not look like an OpenAI-compatible /v1 endpoint (POST ${server.baseUrl}/completions)`), error.message);
      assert.match(error.message, /"choices"/);
    });

    it('fails with kind protocol on a body that is not JSON, and on an empty body', async function () {
      server.handle((req, res) => {
        res.writeHead(200, { 'Content-Type': 'text/plain' });
        res.end('{"id": "cmpl-1", "choices": [');
      });
      assert.match(expectError((await run({ stream: false })).outcome, 'protocol').message, /not JSON/);
      server.handle((req, res) => {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end();
      });
      assert.match(expectError((await run({ stream: false })).outcome, 'protocol').message, /empty/);
    });

    it('reports a 200 body holding {"error": …} as kind stream with the server message', async function () {
      server.handle((req, res) => sendJson(res, 200, { error: { message: 'model is loading', type: 'unavailable', code: 'loading' } }));
      const error = expectError((await run({ stream: false })).outcome, 'stream');
      assert.equal(error.serverMessage, 'model is loading');
      assert.equal(error.serverCode, 'loading');
    });
  });

  describe('HTTP errors', function () {
    it('401 → auth, with the server message and how to set the key', async function () {
      server.handle((req, res) =>
        sendOpenAiError(res, 401, { message: 'Incorrect API key provided.', type: 'invalid_request_error', code: 'invalid_api_key' }),
      );
      const { outcome } = await run();
      const error = expectError(outcome, 'auth');
      assert.equal(
        error.message,
        'The server rejected the API key (401): Incorrect API key provided. Set your API key with “Comet Complete: Set API Key”.',
      );
      assert.equal(error.status, 401);
      assert.equal(error.serverMessage, 'Incorrect API key provided.');
      assert.equal(error.serverType, 'invalid_request_error');
      assert.equal(error.serverCode, 'invalid_api_key');
      assert.equal(error.retryable, false);
      assert.equal(outcome.meta.status, 401);
    });

    it('403 → auth', async function () {
      server.handle((req, res) => sendOpenAiError(res, 403, 'Your key has no access to this model'));
      const error = expectError((await run()).outcome, 'auth');
      assert.match(error.message, /^The server rejected the API key \(403\): Your key has no access to this model\. Set your API key/);
    });

    it('404 → notFound naming the URL and the model', async function () {
      server.handle((req, res) => sendOpenAiError(res, 404, { message: 'The model `nope` does not exist', code: 'model_not_found' }));
      const error = expectError((await run({ model: 'nope' })).outcome, 'notFound');
      assert.ok(error.message.includes(`POST ${server.baseUrl}/completions`), error.message);
      assert.ok(error.message.includes('“nope”'), error.message);
      assert.match(error.message, /base URL or the model/);
      assert.equal(error.serverMessage, 'The model `nope` does not exist');
    });

    it('404 from a server without the /v1 prefix (default route) → notFound', async function () {
      const error = expectError((await run({}, { baseUrl: server.origin })).outcome, 'notFound');
      assert.ok(error.message.includes(`${server.origin}/completions`), error.message);
    });

    it('429 with Retry-After in seconds → rateLimited with retryAfterMs and the wait in the message', async function () {
      server.handle((req, res) => sendOpenAiError(res, 429, { message: 'Rate limit reached for requests', code: 'rate_limit_exceeded' }, { 'Retry-After': '7' }));
      const error = expectError((await run()).outcome, 'rateLimited');
      assert.equal(error.retryAfterMs, 7000);
      assert.equal(error.retryable, true);
      assert.equal(error.message, 'The server is rate-limiting requests (429): Rate limit reached for requests. Try again in 7 s.');
    });

    it('429 with Retry-After as an HTTP date → rateLimited with retryAfterMs from the date', async function () {
      const at = new Date(Date.now() + 120_000).toUTCString();
      server.handle((req, res) => sendOpenAiError(res, 429, 'Too many requests', { 'Retry-After': at }));
      const error = expectError((await run()).outcome, 'rateLimited');
      assert.ok(error.retryAfterMs !== undefined && error.retryAfterMs > 60_000 && error.retryAfterMs <= 120_000, `retryAfterMs ${error.retryAfterMs}`);
      assert.match(error.message, /Try again in (1 min \d+ s|2 min)\./);
    });

    it('500 → server (retryable) with the server message', async function () {
      server.handle((req, res) => sendOpenAiError(res, 500, 'The server had an error while processing your request.'));
      const error = expectError((await run()).outcome, 'server');
      assert.equal(error.retryable, true);
      assert.equal(error.status, 500);
      assert.equal(error.message, 'The server failed (500): The server had an error while processing your request. It may work if you try again later.');
    });

    it('503 with an HTML proxy page and Retry-After → server with the page title', async function () {
      server.handle((req, res) => {
        res.writeHead(503, { 'Content-Type': 'text/html', 'Retry-After': '30' });
        res.end('<html><head><title>503 Service Temporarily Unavailable</title></head><body><center>nginx</center></body></html>');
      });
      const error = expectError((await run()).outcome, 'server');
      assert.equal(error.status, 503);
      assert.equal(error.retryAfterMs, 30_000);
      assert.equal(error.serverMessage, '503 Service Temporarily Unavailable');
    });

    it('400 and 422 → badRequest with the server message ({"error":"text"} and {"message"} shapes too)', async function () {
      server.handle(
        (req, res) => sendOpenAiError(res, 400, { message: "This model's maximum context length is 4097 tokens", param: 'prompt' }),
        (req, res) => sendJson(res, 422, { error: 'suffix is not supported by this model' }),
        (req, res) => sendJson(res, 400, { object: 'error', message: 'logprobs must be <= 5', type: 'BadRequestError', code: 400 }),
        (req, res) => {
          res.writeHead(413, { 'Content-Type': 'text/plain' });
          res.end('Payload Too Large');
        },
      );
      const e400 = expectError((await run()).outcome, 'badRequest');
      assert.equal(e400.message, "The server refused the request (400): This model's maximum context length is 4097 tokens.");
      const e422 = expectError((await run()).outcome, 'badRequest');
      assert.equal(e422.serverMessage, 'suffix is not supported by this model');
      assert.equal(e422.status, 422);
      const vllm = expectError((await run()).outcome, 'badRequest');
      assert.equal(vllm.serverMessage, 'logprobs must be <= 5');
      assert.equal(vllm.serverType, 'BadRequestError');
      assert.equal(vllm.serverCode, '400');
      const e413 = expectError((await run()).outcome, 'badRequest');
      assert.equal(e413.serverMessage, 'Payload Too Large');
    });

    it('a redirect is not followed (it would turn the POST into a GET) → notFound naming the target', async function () {
      server.handle((req, res) => {
        res.writeHead(301, { Location: 'https://example.invalid/v1/completions' });
        res.end();
      });
      const error = expectError((await run()).outcome, 'notFound');
      assert.match(error.message, /redirects .* to https:\/\/example\.invalid\/v1\/completions/);
      assert.equal(server.requests.length, 1);
    });
  });

  describe('network failures', function () {
    it('connection refused → network (retryable) naming the URL', async function () {
      const closed = await OpenAiTestServer.start();
      const deadUrl = closed.baseUrl;
      await closed.close();
      const outcome = await requestCompletion(config({ baseUrl: deadUrl }), body());
      const error = expectError(outcome, 'network');
      assert.equal(error.retryable, true);
      assert.ok(error.message.includes(`POST ${deadUrl}/completions`), error.message);
      assert.match(error.message, /refused/);
      assert.equal(outcome.meta.status, undefined);
      assert.equal(outcome.meta.firstByteMs, undefined);
    });

    it('a connection reset mid-stream → network', async function () {
      server.handle(async (req, res) => {
        await writeSseData(res, completionChunk([{ text: 'half', index: 0, logprobs: null, finish_reason: null }]));
        res.socket?.destroy();
      });
      const { outcome, deltas } = await run();
      const error = expectError(outcome, 'network');
      assert.match(error.message, /while streaming/);
      assert.deepEqual(
        deltas.map((d) => d.text),
        ['half'],
      );
    });
  });

  // The engine stops ghost text with a StopSource (stopSignal.ts), the commands with a real AbortSignal.
  const stoppers: Array<[string, () => { signal: StopSignal; abort: () => void }]> = [
    ['AbortSignal', () => { const controller = new AbortController(); return { signal: controller.signal, abort: () => controller.abort() }; }],
    ['StopSource', () => { const source = new StopSource(); return { signal: source, abort: () => source.abort('stopped') }; }],
  ];
  for (const [kind, stopper] of stoppers) describe(`abort (${kind})`, function () {
    it('aborting mid-stream closes the connection (seen by the server) → aborted', async function () {
      const controller = stopper();
      server.handle((req, res) => streamCompletion(res, { pieces: ['first', 'second'], done: 'hang' }));
      const { outcome, deltas } = await run({}, {}, { signal: controller.signal, onDelta: (d) => d.text === 'second' && controller.abort() });
      const error = expectError(outcome, 'aborted');
      assert.equal(error.retryable, false);
      assert.deepEqual(
        deltas.map((d) => d.text),
        ['first', 'second'],
      );
      const req = await server.waitForRequest(1);
      await req.waitForClientClose(3000);
      assert.equal(req.closedByClient, true);
    });

    it('aborting before the response arrives closes the connection → aborted', async function () {
      const controller = stopper();
      server.handle((req) => stall(req));
      const pending = run({}, {}, { signal: controller.signal });
      const req = await server.waitForRequest(1);
      controller.abort();
      const error = expectError((await pending).outcome, 'aborted');
      assert.equal(error.message, 'The request was cancelled.');
      await req.waitForClientClose(3000);
    });

    it('an already aborted signal sends nothing', async function () {
      const controller = stopper();
      controller.abort();
      expectError((await run({}, {}, { signal: controller.signal })).outcome, 'aborted');
      expectOk((await run()).outcome);
      assert.equal(server.requests.length, 1, 'only the second request reached the server');
    });
  });

  describe('timeout', function () {
    it('a server that never answers → timeout, and the connection is closed', async function () {
      server.handle((req) => stall(req));
      const { outcome } = await run({}, { timeoutMs: 150 });
      const error = expectError(outcome, 'timeout');
      assert.equal(error.retryable, true);
      assert.match(error.message, /^No response from POST http:\/\/127\.0\.0\.1:\d+\/v1\/completions within 0\.15 s/);
      assert.equal(outcome.meta.status, undefined);
      await (await server.waitForRequest(1)).waitForClientClose(3000);
    });

    it('a server trickling chunks with gaps longer than the timeout is cut off → timeout', async function () {
      server.handle(async (req, res) => {
        let n = 0;
        while (isOpen(res)) {
          await writeSseData(res, completionChunk([{ text: `t${n++}`, index: 0, logprobs: null, finish_reason: null }]));
          await Promise.race([sleep(2000), req.whenResponseClosed]);
        }
      });
      const { outcome, deltas } = await run({}, { timeoutMs: 200 });
      const error = expectError(outcome, 'timeout');
      assert.match(error.message, /stopped sending for more than 0\.2 s/);
      assert.equal(outcome.meta.status, 200);
      assert.deepEqual(
        deltas.map((d) => d.text),
        ['t0'],
      );
      await (await server.waitForRequest(1)).waitForClientClose(3000);
    });

    it('the timeout applies to each gap, not to the whole stream', async function () {
      // 20 chunks 25 ms apart take longer than the 400 ms timeout in total; every gap is far shorter.
      const pieces = Array.from({ length: 20 }, (_, i) => `${i},`);
      server.handle((req, res) => streamCompletion(res, { pieces, delayMs: 25 }));
      const { outcome } = await run({}, { timeoutMs: 400 });
      assert.equal(expectOk(outcome).choices[0].text, pieces.join(''));
    });

    it('an error body that stalls still yields the HTTP error', async function () {
      server.handle(async (req, res) => {
        res.writeHead(500, { 'Content-Type': 'text/plain' });
        await writeRaw(res, 'upstream exploded');
        await stall(req);
      });
      const error = expectError((await run({}, { timeoutMs: 150 })).outcome, 'server');
      assert.equal(error.serverMessage, 'upstream exploded');
    });
  });

  describe('the API key never appears in an error', function () {
    it('a 401 body echoing the Authorization header and all headers', async function () {
      server.handle((req, res) =>
        sendOpenAiError(res, 401, {
          message: `Incorrect API key provided: ${req.headers.authorization}. You sent ${JSON.stringify(req.headers)}`,
          type: `bad ${KEY}`,
          code: KEY,
        }),
      );
      const { outcome } = await run();
      const error = expectError(outcome, 'auth');
      assert.match(error.message, /Incorrect API key provided: \[redacted\]/);
      assertKeyAbsent(outcome);
    });

    it('a mid-stream error echoing the key', async function () {
      server.handle(async (req, res) => {
        await writeSseData(res, completionChunk([{ text: 'x', index: 0, logprobs: null, finish_reason: null }]));
        await writeSseError(res, { message: `key ${KEY} was revoked (${req.headers.authorization})`, type: KEY, code: KEY });
        await endResponse(res);
      });
      const { outcome } = await run();
      const error = expectError(outcome, 'stream');
      assert.equal(error.serverMessage, 'key [redacted] was revoked ([redacted])');
      assertKeyAbsent(outcome);
    });

    it('a llama.cpp error line, a plain-text 500 and an HTML 404 echoing the key', async function () {
      server.handle(
        async (req, res) => {
          startSse(res);
          await writeRaw(res, `error: {"code":500,"message":"bad auth ${KEY}","type":"server_error"}\n\n`);
          await endResponse(res);
        },
        (req, res) => {
          res.writeHead(500, { 'Content-Type': 'text/plain' });
          res.end(`proxy error for Authorization: ${req.headers.authorization}`);
        },
        (req, res) => {
          res.writeHead(404, { 'Content-Type': 'text/html' });
          res.end(`<html><head><title>No route for ${KEY}</title></head></html>`);
        },
        (req, res) => sendJson(res, 200, { error: `token ${KEY} expired` }),
      );
      for (const kind of ['stream', 'server', 'notFound', 'stream'] as const) {
        const { outcome } = await run();
        expectError(outcome, kind);
        assertKeyAbsent(outcome);
      }
    });

    it('a key echoed past the point where long server messages are clipped', async function () {
      server.handle((req, res) => sendOpenAiError(res, 400, `${'x'.repeat(480)} ${KEY} ${'y'.repeat(100)}`));
      const { outcome } = await run();
      expectError(outcome, 'badRequest');
      assertKeyAbsent(outcome);
    });

    it('a base URL carrying the key in its query string is refused and shown redacted', async function () {
      const { outcome } = await run({}, { baseUrl: `${server.baseUrl}?api_key=${KEY}` });
      assert.equal(server.requests.length, 0, 'nothing is sent to a base URL with a query');
      expectError(outcome, 'config');
      assert.ok(outcome.meta.url.endsWith('?api_key=[redacted]'), outcome.meta.url);
      assertKeyAbsent(outcome);
    });
  });

  describe('several choices at once', function () {
    it('streams n: 2 with logprobs into two whole choices, each with its token logprobs, and the usage', async function () {
      const { outcome } = await run({ n: 2, logprobs: 1 });
      const result = expectOk(outcome);
      assert.deepEqual(result.choices.map((c) => c.index), [0, 1]);
      for (const choice of result.choices) {
        assert.equal(choice.text, 'Hello from the test server');
        assert.equal(choice.logprobs.map((t) => t.token).join(''), choice.text, 'the tokens spell the text');
      }
      assert.ok(result.usage && result.usage.completionTokens > 0);
    });

    it('reads the same two choices from a JSON answer (stream: false)', async function () {
      const result = expectOk((await run({ n: 2, stream: false })).outcome);
      assert.deepEqual(result.choices.map((c) => [c.index, c.text]), [[0, 'Hello from the test server'], [1, 'Hello from the test server']]);
    });
  });
});
