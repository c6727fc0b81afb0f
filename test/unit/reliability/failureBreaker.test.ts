import * as assert from 'node:assert/strict';
import { ApiError, ApiErrorKind } from '../../../src/core/client/apiError';
import { FailureBreaker } from '../../../src/core/reliability/failureBreaker';

function err(kind: ApiErrorKind): ApiError {
  return new ApiError({ kind, message: `${kind} failed` });
}

describe('FailureBreaker', function () {
  let now: number;
  let breaker: FailureBreaker;
  beforeEach(function () {
    now = 1_000_000;
    breaker = new FailureBreaker({ now: () => now });
  });

  it('pauses after 3 failures in a row, for 1 minute', function () {
    assert.equal(breaker.recordFailure(err('network')), undefined);
    assert.equal(breaker.recordFailure(err('server')), undefined);
    assert.equal(breaker.isPaused(), false);
    const trip = breaker.recordFailure(err('timeout'));
    assert.ok(trip);
    assert.deepEqual({ ...trip, error: trip.error.kind }, { until: now + 60_000, pauseMs: 60_000, failures: 3, error: 'timeout', cause: 'repeated', first: true });
    assert.equal(breaker.isPaused(), true);
    assert.equal(breaker.pause, trip);
    now += 59_999;
    assert.equal(breaker.isPaused(), true);
    now += 1;
    assert.equal(breaker.isPaused(), false);
    assert.equal(breaker.pause, undefined);
  });

  it('pauses at once on an auth or config failure', function () {
    const trip = breaker.recordFailure(err('auth'));
    assert.equal(trip?.cause, 'immediate');
    assert.equal(trip?.failures, 1);
    breaker.reset();
    assert.equal(breaker.recordFailure(err('config'))?.cause, 'immediate');
  });

  it('a success in between starts the count afresh; cancels count for nothing', function () {
    breaker.recordFailure(err('network'));
    breaker.recordFailure(err('network'));
    breaker.recordSuccess();
    breaker.recordFailure(err('network'));
    breaker.recordFailure(err('aborted'));
    breaker.recordFailure(err('aborted'));
    assert.equal(breaker.recordFailure(err('network')), undefined);
    assert.ok(breaker.recordFailure(err('network')));
  });

  it('a failed probe after a pause pauses again at once, twice as long, up to 16 minutes; only the first is "first"', function () {
    for (let i = 0; i < 3; i++) breaker.recordFailure(err('server'));
    const pauses: number[] = [60_000];
    const firsts: boolean[] = [true];
    for (let i = 0; i < 6; i++) {
      now = breaker.pause!.until;
      const trip = breaker.recordFailure(err('server'));
      assert.ok(trip, `probe ${i} failed → paused`);
      pauses.push(trip.pauseMs);
      firsts.push(trip.first);
    }
    assert.deepEqual(pauses, [60_000, 120_000, 240_000, 480_000, 960_000, 960_000, 960_000]);
    assert.deepEqual(firsts, [true, false, false, false, false, false, false]);
  });

  it('failures of requests still in flight when it paused do not extend the pause', function () {
    for (let i = 0; i < 3; i++) breaker.recordFailure(err('server'));
    const until = breaker.pause!.until;
    assert.equal(breaker.recordFailure(err('server')), undefined);
    assert.equal(breaker.pause!.until, until);
  });

  it('reset (settings or key changed) ends the pause and the doubling', function () {
    breaker.recordFailure(err('auth'));
    breaker.reset();
    assert.equal(breaker.isPaused(), false);
    const trip = breaker.recordFailure(err('auth'));
    assert.equal(trip?.pauseMs, 60_000);
    assert.equal(trip?.first, true);
  });

  it('starts afresh when the settings/key fingerprint changes, not when it stays the same', function () {
    assert.equal(breaker.resetOnChange('settings A, key 1'), false);
    breaker.recordFailure(err('auth'));
    assert.equal(breaker.resetOnChange('settings A, key 1'), false);
    assert.equal(breaker.isPaused(), true);
    assert.equal(breaker.resetOnChange('settings A, key 2'), true, 'ended the pause');
    assert.equal(breaker.isPaused(), false);
    breaker.recordFailure(err('network'));
    breaker.recordFailure(err('network'));
    assert.equal(breaker.resetOnChange('settings B, key 2'), false, 'no pause to end');
    assert.equal(breaker.recordFailure(err('network')), undefined, 'the count started afresh');
  });

  it('takes its thresholds and durations as options', function () {
    const custom = new FailureBreaker({ now: () => now, threshold: 1, basePauseMs: 10, maxPauseMs: 15 });
    assert.equal(custom.recordFailure(err('network'))?.pauseMs, 10);
    now += 10;
    assert.equal(custom.recordFailure(err('network'))?.pauseMs, 15);
  });
});
