/**
 * What the status bar item says: its text and its tooltip (model, endpoint host, last latency,
 * tokens used this session, the snooze and the error when there is one).
 */
import { formatLatency } from '../logging/formatLatency';
import { formatDollars } from '../models/formatPrice';
import { PRICES_AS_OF } from './modelPrices';
import { SessionUsageSnapshot, estimateCost } from './sessionUsage';
import { formatClockTime } from './snooze';

export type StatusState = 'idle' | 'working' | 'error' | 'disabled' | 'snoozed' | 'excluded' | 'overBudget';

export interface StatusFacts {
  inFlight: number;
  enabled: boolean;
  snoozedUntil?: number;
  errorMessage?: string;
  /** Why nothing is sent from the active file (it looks like a secret), when so. */
  excludedReason?: string;
  model?: string;
  host?: string;
  /** Free text set by callers (e.g. "model @ host"); shown when it adds something. */
  detail?: string;
  usage: SessionUsageSnapshot;
  /** The spend guard, when a daily token budget is set. */
  budget?: BudgetFacts;
  /** What a click does, e.g. "Click for Comet Complete options". */
  clickHint: string;
}

export interface BudgetFacts {
  usedToday: number;
  dailyLimit: number;
  /** Over the budget and not overridden for today: ghost text is paused. */
  paused: boolean;
  /** The user chose to go on today although over the budget. */
  overridden: boolean;
}

export interface StatusView {
  state: StatusState;
  text: string;
  /** The first tooltip line; also the accessibility label. */
  headline: string;
  tooltip: string;
}

/** Working beats everything (a request is running); then off, excluded file, over the daily budget, snoozed, error, idle. */
export function statusState(facts: Pick<StatusFacts, 'inFlight' | 'enabled' | 'snoozedUntil' | 'errorMessage' | 'excludedReason' | 'budget'>): StatusState {
  if (facts.inFlight > 0) return 'working';
  if (!facts.enabled) return 'disabled';
  if (facts.excludedReason) return 'excluded';
  if (facts.budget?.paused) return 'overBudget';
  if (facts.snoozedUntil !== undefined) return 'snoozed';
  if (facts.errorMessage) return 'error';
  return 'idle';
}

const ICONS: Record<StatusState, string> = {
  idle: '$(sparkle)',
  working: '$(loading~spin)',
  error: '$(warning)',
  disabled: '$(circle-slash)',
  snoozed: '$(clock)',
  excluded: '$(lock)',
  overBudget: '$(debug-pause)',
};

export function formatTokens(count: number): string {
  return Math.round(count).toLocaleString('en-US');
}

export function statusView(facts: StatusFacts): StatusView {
  const state = statusState(facts);
  const headline = {
    idle: 'Comet Complete: ghost text on',
    working: 'Comet Complete: asking the model…',
    error: `Comet Complete: ${facts.errorMessage ?? 'error'}`,
    disabled: 'Comet Complete: ghost text off',
    overBudget: `Comet Complete: daily token budget reached (${formatTokens(facts.budget?.usedToday ?? 0)} of ${formatTokens(facts.budget?.dailyLimit ?? 0)}), ghost text paused until tomorrow — click to go on today`,
    excluded: `Comet Complete: off for this file (${facts.excludedReason ?? 'excluded'})`,
    snoozed: `Comet Complete: ghost text snoozed until ${facts.snoozedUntil !== undefined ? formatClockTime(facts.snoozedUntil) : '?'}`,
  }[state];
  const lines = [headline];
  if (facts.errorMessage && state !== 'error') lines.push(`Last error: ${facts.errorMessage}`);
  if (facts.model) lines.push(`Model: ${facts.model}`);
  if (facts.host) lines.push(`Endpoint: ${facts.host}`);
  if (facts.detail && facts.detail !== `${facts.model} @ ${facts.host}`) lines.push(facts.detail);
  const usage = facts.usage;
  if (usage.lastLatencyMs !== undefined) {
    const first = usage.lastFirstByteMs !== undefined ? ` (first byte ${formatLatency(usage.lastFirstByteMs)})` : '';
    lines.push(`Last latency: ${formatLatency(usage.lastLatencyMs)}${first}`);
  } else {
    lines.push('Last latency: no request yet');
  }
  lines.push(...usageLines(usage));
  if (facts.budget) {
    const over = facts.budget.overridden ? ' (over the budget; you chose to go on today)' : '';
    lines.push(`Today: ${formatTokens(facts.budget.usedToday)} of ${formatTokens(facts.budget.dailyLimit)} tokens (daily budget)${over}`);
  }
  lines.push(facts.clickHint);
  return { state, text: `${ICONS[state]} Comet`, headline, tooltip: lines.join('\n') };
}

/** Requests, tokens (what was estimated) and the cost at list prices, for the tooltip. */
export function usageLines(usage: SessionUsageSnapshot): string[] {
  const requests = `${usage.requests} request${usage.requests === 1 ? '' : 's'}${usage.failures ? `, ${usage.failures} failed` : ''}`;
  const unreported = usage.requests - usage.failures - usage.requestsWithUsage;
  const notes: string[] = [];
  if (usage.estimatedRequests > 0) {
    notes.push(`~${formatTokens(usage.estimatedTokens)} estimated for ${usage.estimatedRequests} stream${usage.estimatedRequests === 1 ? '' : 's'} stopped early`);
  }
  if (unreported > 0) notes.push(usage.requestsWithUsage > 0 ? `${unreported} without usage data` : 'the server reported no usage');
  const lines = [`Tokens this session: ${formatTokens(usage.totalTokens)} (${[requests, ...notes].join('; ')})`];
  const cost = estimateCost(usage);
  if (usage.totalTokens > 0 && Object.keys(usage.byModel).length > 0) {
    if (cost.dollars > 0 || cost.unpricedTokens === 0) {
      const partial = cost.unpricedTokens > 0 ? `; ${formatTokens(cost.unpricedTokens)} tokens of models without a known price not included` : '';
      lines.push(`Estimated cost: ${formatDollars(cost.dollars)} at OpenAI list prices of ${PRICES_AS_OF}${partial}`);
    } else {
      lines.push('Estimated cost: unknown (no list price known for this model)');
    }
  }
  return lines;
}
