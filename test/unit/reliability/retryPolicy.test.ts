import * as assert from 'node:assert/strict';
import { ApiError, ApiErrorInit } from '../../../src/core/client/apiError';
import { DEFAULT_RETRY_POLICY, decideRetry, isRetryableFailure } from '../../../src/core/reliability/retryPolicy';

function err(init: Partial<ApiErrorInit> & Pick<ApiErrorInit, 'kind'>): ApiError {
  return new ApiError({ message: 'm', ...init });
}

describe('retryPolicy', function () {
  it('retries 429, 500, 502, 503, 504, 524 and connection resets only', function () {
    for (const status of [429, 500, 502, 503, 504, 524]) {
      assert.equal(isRetryableFailure(err({ kind: status === 429 ? 'rateLimited' : 'server', status })), true, String(status));
    }
    for (const status of [501, 505, 507, 599]) assert.equal(isRetryableFailure(err({ kind: 'server', status })), false, String(status));
    for (const [kind, status] of [['badRequest', 400], ['auth', 401], ['auth', 403], ['notFound', 404], ['badRequest', 422]] as const) {
      assert.equal(isRetryableFailure(err({ kind, status })), false, String(status));
    }
    for (const code of ['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET']) assert.equal(isRetryableFailure(err({ kind: 'network', networkCode: code })), true, code);
    for (const code of ['ECONNREFUSED', 'ENOTFOUND', 'CERT_HAS_EXPIRED', undefined]) {
      assert.equal(isRetryableFailure(err({ kind: 'network', networkCode: code })), false, String(code));
    }
    for (const kind of ['timeout', 'protocol', 'stream', 'aborted', 'config'] as const) assert.equal(isRetryableFailure(err({ kind })), false, kind);
  });

  it('backs off exponentially with jitter between half and all of the step, capped at 30 s', function () {
    const e = err({ kind: 'server', status: 503 });
    const at = (attempt: number, random: number) => decideRetry(e, attempt, false, { random: () => random, maxAttempts: 100 });
    assert.deepEqual(at(1, 0), { retry: true, delayMs: 250 });
    assert.deepEqual(at(1, 0.999999), { retry: true, delayMs: 500 });
    assert.deepEqual(at(2, 0), { retry: true, delayMs: 500 });
    assert.deepEqual(at(3, 0.5), { retry: true, delayMs: 1500 });
    assert.deepEqual(at(20, 0.999999), { retry: true, delayMs: 30_000 });
    assert.deepEqual(at(20, 0), { retry: true, delayMs: 15_000 });
  });

  it('waits at least Retry-After, and gives up when it is over the cap', function () {
    assert.deepEqual(decideRetry(err({ kind: 'rateLimited', status: 429, retryAfterMs: 7000 }), 1, false, { random: () => 0 }), { retry: true, delayMs: 7000 });
    assert.deepEqual(decideRetry(err({ kind: 'rateLimited', status: 429, retryAfterMs: 0 }), 1, false, { random: () => 0 }), { retry: true, delayMs: 250 });
    assert.deepEqual(decideRetry(err({ kind: 'rateLimited', status: 429, retryAfterMs: 30_000 }), 1, false), { retry: true, delayMs: 30_000 });
    const over = decideRetry(err({ kind: 'rateLimited', status: 429, retryAfterMs: 30_001 }), 1, false);
    assert.equal(over.retry, false);
  });

  it('stops after maxAttempts, after streamed text, and on a cancel', function () {
    const e = err({ kind: 'server', status: 500 });
    assert.equal(decideRetry(e, DEFAULT_RETRY_POLICY.maxAttempts - 1, false).retry, true);
    assert.equal(decideRetry(e, DEFAULT_RETRY_POLICY.maxAttempts, false).retry, false);
    assert.deepEqual(decideRetry(e, 1, true), { retry: false, reason: 'text was already shown' });
    assert.equal(decideRetry(err({ kind: 'aborted' }), 1, false).retry, false);
  });

  it('survives a broken random source (NaN, out of range)', function () {
    const e = err({ kind: 'server', status: 500 });
    for (const value of [NaN, -5, 7, Infinity]) {
      const d = decideRetry(e, 1, false, { random: () => value });
      assert.ok(d.retry && d.delayMs >= 250 && d.delayMs <= 500, `${value} → ${JSON.stringify(d)}`);
    }
  });
});
