import * as assert from 'node:assert/strict';
import { ApiError } from '../../../src/core/client/apiError';
import { FailureBreaker } from '../../../src/core/reliability/failureBreaker';
import { formatClock, pauseActions, pauseNotificationText, pauseStatusText } from '../../../src/core/reliability/pauseNotice';

describe('pauseNotice', function () {
  const now = new Date(2026, 0, 2, 9, 5, 30).getTime();

  it('formats the local time as HH:MM', function () {
    assert.equal(formatClock(now), '09:05');
    assert.equal(formatClock(new Date(2026, 0, 2, 23, 59).getTime()), '23:59');
  });

  it('says why and until when, in the status bar and in the one notification', function () {
    const breaker = new FailureBreaker({ now: () => now });
    const error = new ApiError({ kind: 'server', status: 502, message: 'The server failed (502).' });
    breaker.recordFailure(error);
    breaker.recordFailure(error);
    const trip = breaker.recordFailure(error)!;
    assert.equal(pauseStatusText(trip), 'Ghost text paused until 09:06 after 3 failed requests in a row: The server failed (502).');
    assert.equal(
      pauseNotificationText(trip),
      'Comet Complete: ghost text is paused for 1 min (until 09:06) after 3 failed requests in a row. The server failed (502). ' +
        'It resumes by itself, or as soon as you change the settings or the API key.',
    );
    assert.deepEqual(pauseActions(error), ['Show Log', 'Open Settings']);
  });

  it('an auth failure offers "Set API Key" first', function () {
    const breaker = new FailureBreaker({ now: () => now });
    const error = new ApiError({ kind: 'auth', status: 401, message: 'The server rejected the API key (401).' });
    const trip = breaker.recordFailure(error)!;
    assert.equal(pauseStatusText(trip), 'Ghost text paused until 09:06: The server rejected the API key (401).');
    assert.deepEqual(pauseActions(error), ['Set API Key', 'Open Settings', 'Show Log']);
    assert.deepEqual(pauseActions(new ApiError({ kind: 'notFound', message: 'x' })), ['Open Settings', 'Set API Key', 'Show Log']);
  });
});
