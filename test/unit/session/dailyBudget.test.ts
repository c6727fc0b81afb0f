import * as assert from 'node:assert/strict';
import { addTokens, budgetStatus, localDay, overrideToday, readBudgetState } from '../../../src/core/session/dailyBudget';

const at = (day: number, hour: number) => new Date(2026, 11, day, hour, 0).getTime();

describe('daily token budget (spend guard)', () => {
  it('pauses once today\'s tokens reach the budget, and never without one', () => {
    let state = readBudgetState(undefined, at(2, 9));
    state = addTokens(state, 600, at(2, 9));
    assert.deepEqual(budgetStatus(state, 1000, at(2, 10)), { usedToday: 600, dailyLimit: 1000, paused: false, overridden: false });
    state = addTokens(state, 400, at(2, 11));
    assert.equal(budgetStatus(state, 1000, at(2, 11)).paused, true);
    assert.equal(budgetStatus(state, 0, at(2, 11)).paused, false, 'budget 0 = off');
  });

  it('going on today lifts the pause until the day ends; the next day starts at 0', () => {
    let state = addTokens(readBudgetState(undefined, at(2, 9)), 5000, at(2, 9));
    state = overrideToday(state, at(2, 12));
    assert.deepEqual(budgetStatus(state, 1000, at(2, 13)), { usedToday: 5000, dailyLimit: 1000, paused: false, overridden: true });
    assert.deepEqual(budgetStatus(state, 1000, at(3, 0)), { usedToday: 0, dailyLimit: 1000, paused: false, overridden: false });
    state = addTokens(state, 1200, at(3, 8));
    assert.equal(budgetStatus(state, 1000, at(3, 9)).paused, true, "yesterday's override does not carry over");
  });

  it('reads malformed stored state as a fresh day and ignores bad token counts', () => {
    for (const bad of [null, 'x', { day: localDay(at(2, 9)), tokens: -5 }, { day: localDay(at(2, 9)), tokens: 'many' }, { day: '2020-01-01', tokens: 99 }]) {
      assert.deepEqual(readBudgetState(bad, at(2, 9)), { day: '2026-12-02', tokens: 0 });
    }
    assert.equal(addTokens(readBudgetState(undefined, at(2, 9)), Number.NaN, at(2, 9)).tokens, 0);
  });
});
