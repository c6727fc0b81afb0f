import * as assert from 'node:assert/strict';
import { Snooze, formatClockTime, formatRemaining } from '../../../src/core/session/snooze';

describe('Snooze', () => {
  it('is snoozed until the time is up, then forgets', () => {
    let now = 1_000_000;
    const snooze = new Snooze(() => now);
    assert.equal(snooze.isSnoozed(), false);
    assert.equal(snooze.snoozeFor(15), 1_000_000 + 15 * 60_000);
    assert.equal(snooze.isSnoozed(), true);
    now += 15 * 60_000 - 1;
    assert.equal(snooze.remainingMs(), 1);
    assert.equal(snooze.isSnoozed(), true);
    now += 1;
    assert.equal(snooze.isSnoozed(), false);
    assert.equal(snooze.until, undefined);
    assert.equal(snooze.remainingMs(), 0);
  });

  it('resumes early, and a new snooze replaces the old one', () => {
    const now = 0;
    const snooze = new Snooze(() => now);
    snooze.snoozeFor(60);
    snooze.snoozeFor(5);
    assert.equal(snooze.until, 5 * 60_000);
    snooze.resume();
    assert.equal(snooze.isSnoozed(), false);
    assert.throws(() => snooze.snoozeFor(0), RangeError);
  });

  it('formats what is left and the end time', () => {
    assert.equal(formatRemaining(40_000), '40 s');
    assert.equal(formatRemaining(14 * 60_000 + 20_000), '15 min');
    assert.equal(formatRemaining(90 * 60_000), '1 h 30 min');
    assert.equal(formatRemaining(60 * 60_000), '1 h');
    assert.equal(formatRemaining(0), '0 s');
    assert.equal(formatClockTime(new Date(2025, 0, 1, 9, 5).getTime()), '09:05');
  });
});
