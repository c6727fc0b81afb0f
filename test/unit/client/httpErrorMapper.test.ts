import * as assert from 'node:assert/strict';
import {
  formatWait,
  looksLikeHtml,
  mapHttpError,
  mapNetworkError,
  parseRetryAfter,
  parseServerErrorBody,
} from '../../../src/core/client/httpErrorMapper';

const URL = 'https://api.example.com/v1/completions';
const KEY = 'sk-live-0123456789ABCDEFGHIJ';
const ctx = { url: URL, model: 'gpt-3.5-turbo-instruct', secret: KEY };
const NOW = Date.parse('2025-01-01T00:00:00Z');

function headers(values: Record<string, string> = {}): Headers {
  return new Headers(values);
}

function openAiError(message: string, type = 'invalid_request_error', code: string | null = null): string {
  return JSON.stringify({ error: { message, type, param: null, code } });
}

describe('httpErrorMapper', function () {
  describe('parseServerErrorBody', function () {
    it('reads the OpenAI shape', function () {
      assert.deepEqual(parseServerErrorBody(openAiError('Bad key', 'invalid_request_error', 'invalid_api_key')), {
        message: 'Bad key',
        type: 'invalid_request_error',
        code: 'invalid_api_key',
      });
    });

    it('tolerates {"error":"text"}, {"message"}, numeric codes, FastAPI {"detail"} and plain text', function () {
      assert.deepEqual(parseServerErrorBody('{"error":"model not loaded"}'), { message: 'model not loaded', type: undefined, code: undefined });
      assert.equal(parseServerErrorBody('{"message":"slow down","code":429}').code, '429');
      assert.equal(parseServerErrorBody('{"message":"slow down"}').message, 'slow down');
      assert.equal(parseServerErrorBody('{"error":{"code":500,"message":"boom","type":"server_error"}}').code, '500');
      assert.equal(parseServerErrorBody('{"detail":"Not Found"}').message, 'Not Found');
      assert.equal(parseServerErrorBody('{"detail":[{"loc":["body","n"],"msg":"must be >= 1"}]}').message, 'must be >= 1');
      assert.equal(parseServerErrorBody('  upstream\n  timed out  ').message, 'upstream timed out');
      assert.deepEqual(parseServerErrorBody(''), {});
      assert.deepEqual(parseServerErrorBody('{"error":null}'), { message: undefined, type: undefined, code: undefined });
    });

    it('uses the title of an HTML page, and nothing of its markup', function () {
      assert.deepEqual(parseServerErrorBody('<html><head><title>502 Bad Gateway</title></head><body>x</body></html>'), { message: '502 Bad Gateway' });
      assert.deepEqual(parseServerErrorBody('<html><body>no title</body></html>'), { message: undefined });
    });

    it('clips very long messages', function () {
      const message = parseServerErrorBody(openAiError('x'.repeat(5000))).message!;
      assert.equal(message.length, 500);
      assert.ok(message.endsWith('…'));
    });
  });

  describe('parseRetryAfter', function () {
    it('reads seconds, HTTP dates, and retry-after-ms', function () {
      assert.equal(parseRetryAfter(headers({ 'Retry-After': '20' }), NOW), 20_000);
      assert.equal(parseRetryAfter(headers({ 'Retry-After': '1.5' }), NOW), 1500);
      assert.equal(parseRetryAfter(headers({ 'Retry-After': 'Wed, 01 Jan 2025 00:01:30 GMT' }), NOW), 90_000);
      assert.equal(parseRetryAfter(headers({ 'Retry-After': 'Tue, 31 Dec 2024 23:00:00 GMT' }), NOW), 0);
      assert.equal(parseRetryAfter(headers({ 'retry-after-ms': '250', 'Retry-After': '9' }), NOW), 250);
    });

    it('is undefined when absent or unreadable', function () {
      assert.equal(parseRetryAfter(headers(), NOW), undefined);
      assert.equal(parseRetryAfter(undefined, NOW), undefined);
      assert.equal(parseRetryAfter(headers({ 'Retry-After': 'soon' }), NOW), undefined);
      assert.equal(parseRetryAfter(headers({ 'Retry-After': '-5' }), NOW), undefined);
    });
  });

  it('formatWait', function () {
    assert.equal(formatWait(0), '1 s');
    assert.equal(formatWait(1500), '2 s');
    assert.equal(formatWait(60_000), '1 min');
    assert.equal(formatWait(90_000), '1 min 30 s');
  });

  it('looksLikeHtml', function () {
    assert.equal(looksLikeHtml('<!DOCTYPE html>'), true);
    assert.equal(looksLikeHtml('\uFEFF  <html>'), true);
    assert.equal(looksLikeHtml('{}', 'text/html; charset=utf-8'), true);
    assert.equal(looksLikeHtml('{"choices":[]}', 'application/json'), false);
  });

  describe('mapHttpError', function () {
    const cases: Array<[number, string, boolean]> = [
      [400, 'badRequest', false],
      [401, 'auth', false],
      [403, 'auth', false],
      [404, 'notFound', false],
      [405, 'badRequest', false],
      [409, 'badRequest', false],
      [413, 'badRequest', false],
      [422, 'badRequest', false],
      [429, 'rateLimited', true],
      [500, 'server', true],
      [502, 'server', true],
      [503, 'server', true],
      [504, 'server', true],
      [301, 'notFound', false],
    ];
    for (const [status, kind, retryable] of cases) {
      it(`${status} → ${kind}${retryable ? ' (retryable)' : ''}`, function () {
        const error = mapHttpError({ status, body: openAiError('msg'), headers: headers() }, ctx, NOW);
        assert.equal(error.kind, kind);
        assert.equal(error.status, status);
        assert.equal(error.retryable, retryable);
        assert.equal(error.serverMessage, 'msg');
      });
    }

    it('401: names the status, the server message and the set-key command', function () {
      const error = mapHttpError({ status: 401, body: openAiError('Incorrect API key provided.'), headers: headers() }, ctx, NOW);
      assert.equal(error.message, 'The server rejected the API key (401): Incorrect API key provided. Set your API key with “Comet Complete: Set API Key”.');
      const bare = mapHttpError({ status: 401, body: '', headers: headers() }, ctx, NOW);
      assert.equal(bare.message, 'The server rejected the API key (401). Set your API key with “Comet Complete: Set API Key”.');
    });

    it('404: names the URL and the model', function () {
      const error = mapHttpError({ status: 404, body: '', headers: headers() }, ctx, NOW);
      assert.equal(
        error.message,
        `Not found (404) at POST ${URL}: the base URL or the model “gpt-3.5-turbo-instruct” is wrong. ` +
          'Check “cometComplete.baseUrl” (it usually ends in /v1) and “cometComplete.model”.',
      );
    });

    it('429: gives the wait when known', function () {
      const known = mapHttpError({ status: 429, body: openAiError('Rate limit reached'), headers: headers({ 'Retry-After': '90' }) }, ctx, NOW);
      assert.equal(known.retryAfterMs, 90_000);
      assert.equal(known.message, 'The server is rate-limiting requests (429): Rate limit reached. Try again in 1 min 30 s.');
      const unknown = mapHttpError({ status: 429, body: '', headers: headers() }, ctx, NOW);
      assert.equal(unknown.retryAfterMs, undefined);
      assert.equal(unknown.message, 'The server is rate-limiting requests (429). Try again later.');
    });

    it('5xx: keeps Retry-After', function () {
      const error = mapHttpError({ status: 503, body: 'overloaded', headers: headers({ 'Retry-After': '5' }) }, ctx, NOW);
      assert.equal(error.retryAfterMs, 5000);
      assert.equal(error.message, 'The server failed (503): overloaded. It may work if you try again later.');
    });

    it('4xx without a message hints at the settings', function () {
      assert.equal(
        mapHttpError({ status: 400, body: '', headers: headers() }, ctx, NOW).message,
        'The server refused the request (400). Check the model and the request settings.',
      );
    });

    it('redacts the key from the body, even when the server echoes it', function () {
      const body = openAiError(`Incorrect API key provided: Bearer ${KEY}`, KEY, KEY);
      const error = mapHttpError({ status: 401, body, headers: headers() }, ctx, NOW);
      for (const text of [error.message, error.serverMessage, error.serverType, error.serverCode, String(error), error.stack]) {
        assert.ok(text && !text.includes(KEY), `key left in ${text}`);
      }
      assert.equal(error.serverMessage, 'Incorrect API key provided: [redacted]');
    });
  });

  describe('mapNetworkError', function () {
    function fetchFailure(code: string, message = `connect ${code} 127.0.0.1:9`): Error {
      const cause = Object.assign(new Error(message), { code });
      return new TypeError('fetch failed', { cause });
    }

    const cases: Array<[string, RegExp]> = [
      ['ECONNREFUSED', /connection was refused/],
      ['ENOTFOUND', /could not be resolved \(DNS\)/],
      ['EAI_AGAIN', /could not be resolved/],
      ['ECONNRESET', /reset/],
      ['UND_ERR_SOCKET', /reset/],
      ['UND_ERR_CONNECT_TIMEOUT', /timed out/],
      ['EHOSTUNREACH', /unreachable/],
      ['CERT_HAS_EXPIRED', /TLS certificate was not accepted \(CERT_HAS_EXPIRED\)/],
      ['DEPTH_ZERO_SELF_SIGNED_CERT', /TLS certificate/],
    ];
    for (const [code, pattern] of cases) {
      it(`${code} → network naming the URL`, function () {
        const error = mapNetworkError(fetchFailure(code), ctx);
        assert.equal(error.kind, 'network');
        assert.equal(error.retryable, true);
        assert.ok(error.message.startsWith(`Could not reach POST ${URL}: `), error.message);
        assert.match(error.message, pattern);
      });
    }

    it('finds the code inside an AggregateError cause (happy eyeballs)', function () {
      const cause = new AggregateError([Object.assign(new Error('connect ECONNREFUSED ::1:9'), { code: 'ECONNREFUSED' })], 'all failed');
      assert.match(mapNetworkError(new TypeError('fetch failed', { cause }), ctx).message, /refused/);
    });

    it('falls back to the innermost message, redacted, and says when it happened', function () {
      const error = mapNetworkError(new TypeError('fetch failed', { cause: new Error(`weird failure for ${KEY}`) }), ctx, 'while streaming');
      assert.equal(error.message, `Could not reach POST ${URL} while streaming: weird failure for [redacted].`);
    });
  });
});
