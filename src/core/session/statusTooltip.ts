/**
 * What the status bar item says: its text and its tooltip (model, endpoint host, last latency,
 * tokens used this session, the snooze and the error when there is one).
 */
import { formatLatency } from '../logging/formatLatency';
import { SessionUsageSnapshot } from './sessionUsage';
import { formatClockTime } from './snooze';

export type StatusState = 'idle' | 'working' | 'error' | 'disabled' | 'snoozed' | 'excluded';

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
  /** What a click does, e.g. "Click for Comet Complete options". */
  clickHint: string;
}

export interface StatusView {
  state: StatusState;
  text: string;
  /** The first tooltip line; also the accessibility label. */
  headline: string;
  tooltip: string;
}

/** Working beats everything (a request is running); then off, excluded file, snoozed, error, idle. */
export function statusState(facts: Pick<StatusFacts, 'inFlight' | 'enabled' | 'snoozedUntil' | 'errorMessage' | 'excludedReason'>): StatusState {
  if (facts.inFlight > 0) return 'working';
  if (!facts.enabled) return 'disabled';
  if (facts.excludedReason) return 'excluded';
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
  const requests = `${usage.requests} request${usage.requests === 1 ? '' : 's'}${usage.failures ? `, ${usage.failures} failed` : ''}`;
  const unreported = usage.requests - usage.failures - usage.requestsWithUsage;
  const note = unreported > 0 && usage.requestsWithUsage > 0 ? `; ${unreported} without usage data` : unreported > 0 ? '; the server reported no usage' : '';
  lines.push(`Tokens this session: ${formatTokens(usage.totalTokens)} (${requests}${note})`);
  lines.push(facts.clickHint);
  return { state, text: `${ICONS[state]} Comet`, headline, tooltip: lines.join('\n') };
}
