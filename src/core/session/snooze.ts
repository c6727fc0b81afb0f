/**
 * "Snooze ghost text for N minutes": until when it is snoozed, with an injected clock so the
 * expiry is testable. The state lives only for the session (the adapter holds one instance).
 */
export type Clock = () => number;

export const SNOOZE_CHOICES_MINUTES = [5, 15, 60] as const;

export class Snooze {
  private untilMs: number | undefined;

  constructor(private readonly now: Clock = Date.now) {}

  /** Snoozes for `minutes` from now (replacing any earlier snooze); returns the end time in ms. */
  snoozeFor(minutes: number): number {
    if (!Number.isFinite(minutes) || minutes <= 0) throw new RangeError(`Snooze minutes must be positive (got ${minutes}).`);
    this.untilMs = this.now() + minutes * 60_000;
    return this.untilMs;
  }

  resume(): void {
    this.untilMs = undefined;
  }

  /** The end of the snooze in ms since the epoch, or undefined when not snoozed (an expired snooze is forgotten). */
  get until(): number | undefined {
    if (this.untilMs !== undefined && this.now() >= this.untilMs) this.untilMs = undefined;
    return this.untilMs;
  }

  isSnoozed(): boolean {
    return this.until !== undefined;
  }

  /** Milliseconds left, 0 when not snoozed. */
  remainingMs(): number {
    const until = this.until;
    return until === undefined ? 0 : until - this.now();
  }
}

/** 14 min 20 s → "15 min"; 40 s → "40 s"; 90 min → "1 h 30 min". Rounded up, so never "0". */
export function formatRemaining(ms: number): string {
  if (!(ms > 0)) return '0 s';
  if (ms < 60_000) return `${Math.ceil(ms / 1000)} s`;
  const minutes = Math.ceil(ms / 60_000);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest ? `${hours} h ${rest} min` : `${hours} h`;
}

/** A time of day as HH:MM in local time (24 h). */
export function formatClockTime(ms: number): string {
  const date = new Date(ms);
  return `${String(date.getHours()).padStart(2, '0')}:${String(date.getMinutes()).padStart(2, '0')}`;
}
