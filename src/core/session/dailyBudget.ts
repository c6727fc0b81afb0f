/**
 * The spend guard's count: tokens used today (local calendar day) against an optional daily
 * budget. Over the budget ghost text pauses until the next day, unless the user chose to go on
 * today. Pure and serialisable (the adapter keeps the state in VS Code's global storage, so the
 * count survives a reload).
 */
export interface DailyBudgetState {
  /** Local date `YYYY-MM-DD` the count is for. */
  day: string;
  tokens: number;
  /** The day the user chose to go on past the budget, if it is today. */
  overriddenDay?: string;
}

export interface DailyBudgetStatus {
  usedToday: number;
  dailyLimit: number;
  paused: boolean;
  overridden: boolean;
}

export function localDay(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** A stored state, checked (anything malformed starts today at 0). */
export function readBudgetState(value: unknown, now: number): DailyBudgetState {
  const today = localDay(now);
  if (typeof value !== 'object' || value === null) return { day: today, tokens: 0 };
  const v = value as Record<string, unknown>;
  if (v.day !== today || typeof v.tokens !== 'number' || !Number.isFinite(v.tokens) || v.tokens < 0) return { day: today, tokens: 0 };
  return { day: today, tokens: v.tokens, overriddenDay: v.overriddenDay === today ? today : undefined };
}

export function addTokens(state: DailyBudgetState, tokens: number, now: number): DailyBudgetState {
  const current = readBudgetState(state, now);
  const add = Number.isFinite(tokens) && tokens > 0 ? tokens : 0;
  return { ...current, tokens: current.tokens + add };
}

export function overrideToday(state: DailyBudgetState, now: number): DailyBudgetState {
  const current = readBudgetState(state, now);
  return { ...current, overriddenDay: current.day };
}

/** `dailyLimit` 0 means no budget: never paused. */
export function budgetStatus(state: DailyBudgetState, dailyLimit: number, now: number): DailyBudgetStatus {
  const current = readBudgetState(state, now);
  const overridden = current.overriddenDay === current.day;
  const over = dailyLimit > 0 && current.tokens >= dailyLimit;
  return { usedToday: current.tokens, dailyLimit, paused: over && !overridden, overridden: over && overridden };
}
