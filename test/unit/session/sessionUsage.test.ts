import * as assert from 'node:assert/strict';
import { ApiError } from '../../../src/core/client/apiError';
import { CompletionOutcome } from '../../../src/core/client/completionClient';
import { SessionUsage } from '../../../src/core/session/sessionUsage';

function ok(totalTokens: number | undefined, totalMs: number, firstByteMs?: number): CompletionOutcome {
  return {
    ok: true,
    result: { id: 'x', model: 'm', created: 0, choices: [], usage: totalTokens === undefined ? undefined : { promptTokens: 1, completionTokens: totalTokens - 1, totalTokens } },
    meta: { status: 200, totalMs, firstByteMs, url: 'u' },
  };
}

describe('SessionUsage', () => {
  it('sums usage.totalTokens and keeps the last latency', () => {
    const usage = new SessionUsage();
    usage.record(ok(10, 300, 100));
    usage.record(ok(undefined, 200));
    usage.record(ok(5, 150, 50));
    assert.deepEqual(usage.snapshot(), {
      requests: 3, failures: 0, totalTokens: 15, requestsWithUsage: 2, estimatedTokens: 0, estimatedRequests: 0,
      byModel: { m: { promptTokens: 2, completionTokens: 13 } }, lastLatencyMs: 150, lastFirstByteMs: 50,
    });
  });

  it('counts failures; ignores cancelled requests and requests that were not sent', () => {
    const usage = new SessionUsage();
    usage.record(undefined);
    usage.record({ ok: false, error: new ApiError({ kind: 'aborted', message: 'x' }), meta: { totalMs: 5, url: 'u' } });
    assert.equal(usage.snapshot().requests, 0);
    usage.record({ ok: false, error: new ApiError({ kind: 'auth', status: 401, message: 'x' }), meta: { status: 401, totalMs: 80, url: 'u' } });
    usage.record({ ok: false, error: new ApiError({ kind: 'network', message: 'x' }), meta: { totalMs: 3, url: 'u' } });
    assert.deepEqual(usage.snapshot(), {
      requests: 2, failures: 2, totalTokens: 0, requestsWithUsage: 0, estimatedTokens: 0, estimatedRequests: 0, byModel: {}, lastLatencyMs: 80, lastFirstByteMs: undefined,
    });
    usage.reset();
    assert.equal(usage.snapshot().requests, 0);
  });

  it('counts a stream we stopped (estimated usage) as spent, apart, per model as requested; returns what each request added', () => {
    const usage = new SessionUsage();
    const stopped: CompletionOutcome = {
      ok: true,
      result: { id: 'x', model: 'served-name', created: 0, choices: [], usage: { promptTokens: 30, completionTokens: 12, totalTokens: 42, estimated: true } },
      meta: { status: 200, totalMs: 90, url: 'u' },
    };
    assert.equal(usage.record(stopped, 'gpt-3.5-turbo-instruct'), 42);
    assert.equal(usage.record(ok(10, 100), 'gpt-3.5-turbo-instruct'), 10);
    const snap = usage.snapshot();
    assert.equal(snap.totalTokens, 52);
    assert.equal(snap.estimatedTokens, 42);
    assert.equal(snap.estimatedRequests, 1);
    assert.deepEqual(snap.byModel, { 'gpt-3.5-turbo-instruct': { promptTokens: 31, completionTokens: 21 } });
  });

  it('counts a stream we aborted after text arrived (its estimate), not as a failure; an abort before any text stays uncounted', () => {
    const usage = new SessionUsage();
    const abortedAfterText: CompletionOutcome = {
      ok: false,
      error: new ApiError({ kind: 'aborted', message: 'Stopped by Comet Complete: no call while its text was showing.' }),
      meta: { status: 200, totalMs: 2500, url: 'u', stoppedUsage: { promptTokens: 20, completionTokens: 7, totalTokens: 27, estimated: true, model: 'gpt-3.5-turbo-instruct' } },
    };
    assert.equal(usage.record(abortedAfterText), 27);
    assert.equal(usage.record({ ok: false, error: new ApiError({ kind: 'aborted', message: 'x' }), meta: { status: 200, totalMs: 5, url: 'u' } }), 0);
    const snap = usage.snapshot();
    assert.equal(snap.requests, 1);
    assert.equal(snap.failures, 0);
    assert.equal(snap.totalTokens, 27);
    assert.equal(snap.estimatedTokens, 27);
    assert.equal(snap.estimatedRequests, 1);
    assert.deepEqual(snap.byModel, { 'gpt-3.5-turbo-instruct': { promptTokens: 20, completionTokens: 7 } });
    assert.equal(snap.lastLatencyMs, undefined, 'a stopped stream says nothing about the server\'s latency');
  });
});
