/**
 * Property-based tests of the whole client through a real loopback HTTP server (fewer cases than
 * the decoder's 10,000: each case is a real request):
 *
 * 1. Any valid stream, written in random pieces (separate TCP writes), gives the decoder's result.
 * 2. Random bytes with a random status and content type, 3. random JSON as a non-streamed body:
 *    requestCompletion never rejects, ends (within its timeouts) in a result or a typed ApiError
 *    without the key in it, and leaves no response open on the server.
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { ApiError } from '../../../src/core/client/apiError';
import { ClientConfig, CompletionOutcome, requestCompletion } from '../../../src/core/client/completionClient';
import type { CompletionRequestBody } from '../../../src/core/client/completionTypes';
import { OpenAiTestServer, endResponse, writeRaw } from '../../support/openAiTestServer';
import { KEY, cutAt, decodeParts, validStreamArb } from './streamArbitraries';

export const HTTP_PROPERTY_RUNS = 1000;

const BODY: CompletionRequestBody = { model: 'm', prompt: 'p', max_tokens: 8, temperature: 0, top_p: 1, n: 1, stream: true };

const KINDS: ReadonlyArray<ApiError['kind']> = ['auth', 'notFound', 'rateLimited', 'badRequest', 'server', 'protocol', 'stream'];

let server: OpenAiTestServer;

function config(): ClientConfig {
  return { baseUrl: server.baseUrl, apiKey: KEY, timeoutMs: 3000, totalTimeoutMs: 8000 };
}

/** Never rejects, or the property fails with the rejection. */
async function calmRequest(body: CompletionRequestBody): Promise<CompletionOutcome> {
  let outcome: CompletionOutcome | undefined;
  try {
    outcome = await requestCompletion(config(), body);
  } catch (error) {
    assert.fail(`requestCompletion rejected: ${String(error)}`);
  }
  if (!outcome.ok) {
    assert.ok(outcome.error instanceof ApiError, 'a typed ApiError');
    assert.ok(KINDS.includes(outcome.error.kind), `kind ${outcome.error.kind}: ${outcome.error.message}`);
    const all = JSON.stringify(outcome.error, Object.getOwnPropertyNames(outcome.error));
    assert.ok(!all.includes(KEY), `the key leaked: ${all}`);
  }
  await server.waitForNoOpenResponses(3000);
  return outcome;
}

describe('property: the client over real HTTP', function () {
  this.timeout(180_000);

  before(async function () {
    server = await OpenAiTestServer.start();
  });

  after(async function () {
    await server.close();
  });

  afterEach(function () {
    assert.deepEqual(server.handlerErrors, [], 'test server handlers threw');
  });

  it(`a valid stream written in random pieces gives the decoder's result (${HTTP_PROPERTY_RUNS} cases)`, async function () {
    await fc.assert(
      fc.asyncProperty(validStreamArb, fc.array(fc.nat(), { maxLength: 12 }), async (stream, cuts) => {
        server.handle(async (req, res) => {
          res.writeHead(200, { 'Content-Type': 'text/event-stream' });
          for (const part of cutAt(stream.wire, cuts)) await writeRaw(res, part);
          await endResponse(res);
        });
        const outcome = await calmRequest(BODY);
        const expected = decodeParts([stream.wire]);
        assert.ok(outcome.ok, outcome.ok ? '' : outcome.error.message);
        assert.deepEqual(outcome.result, expected.result);
      }),
      { numRuns: HTTP_PROPERTY_RUNS },
    );
  });

  it(`random bytes with a random status and content type end calmly (${HTTP_PROPERTY_RUNS} cases)`, async function () {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(200, 200, 200, 201, 204, 400, 401, 404, 418, 429, 500, 503),
        fc.constantFrom('text/event-stream', 'application/json', 'text/html', 'text/plain', 'application/octet-stream', ''),
        fc.uint8Array({ maxLength: 512 }),
        fc.boolean(),
        async (status, contentType, bytes, stream) => {
          server.handle(async (req, res) => {
            const headers: Record<string, string> = contentType ? { 'Content-Type': contentType } : {};
            res.writeHead(status, headers);
            if (status !== 204) await writeRaw(res, bytes);
            await endResponse(res);
          });
          await calmRequest({ ...BODY, stream });
        },
      ),
      { numRuns: HTTP_PROPERTY_RUNS },
    );
  });

  it(`random JSON as a non-streamed body ends calmly (${HTTP_PROPERTY_RUNS} cases)`, async function () {
    const value = fc.oneof(
      fc.jsonValue(),
      fc.record({ choices: fc.array(fc.jsonValue(), { maxLength: 4 }), usage: fc.jsonValue() }, { requiredKeys: ['choices'] }),
      fc.record({ error: fc.oneof(fc.jsonValue(), fc.constant(`expired ${KEY}`)) }),
    );
    await fc.assert(
      fc.asyncProperty(value, async (json) => {
        server.handle(async (req, res) => {
          const text = JSON.stringify(json);
          res.writeHead(200, { 'Content-Type': 'application/json' });
          await writeRaw(res, text);
          await endResponse(res);
        });
        await calmRequest({ ...BODY, stream: false });
      }),
      { numRuns: HTTP_PROPERTY_RUNS },
    );
  });
});
