/**
 * Pauses ghost text after it keeps failing, so a dead server or a bad key does not cost a request
 * (and a popup) per keystroke.
 *
 * - Trips after `threshold` (3) failures in a row, or at once on a failure only the user can fix
 *   (kind 'auth': the key was refused; kind 'config': the settings forbid the request; a reply in
 *   chat format, `modelProblem: 'chatReply'`: the model is a chat model, every request would get one).
 * - The first pause lasts `basePauseMs` (1 min); each pause that follows without a success in
 *   between lasts twice as long, up to `maxPauseMs` (16 min).
 * - When a pause ends, the next request is a probe: its failure pauses again at once (longer).
 * - A success, {@link FailureBreaker.reset}, or a new settings/key fingerprint
 *   ({@link FailureBreaker.resetOnChange}) starts afresh.
 * - Cancelled requests count for nothing; failures of requests still in flight when it tripped
 *   do not extend the pause.
 */
import type { ApiError } from '../client/apiError';

export interface FailureBreakerOptions {
  /** Failures in a row that pause (default 3). */
  threshold: number;
  /** First pause (default 60 s). */
  basePauseMs: number;
  /** Longest pause (default 16 min). */
  maxPauseMs: number;
  /** Milliseconds since the epoch; injectable for tests. */
  now: () => number;
}

export const DEFAULT_BREAKER_OPTIONS: Readonly<FailureBreakerOptions> = {
  threshold: 3,
  basePauseMs: 60_000,
  maxPauseMs: 16 * 60_000,
  now: Date.now,
};

export interface BreakerTrip {
  /** When requests may be sent again (ms since the epoch). */
  until: number;
  pauseMs: number;
  /** Failures in a row that led here. */
  failures: number;
  /** The failure that tripped it. */
  error: ApiError;
  /** 'immediate': a failure only the user can fix; 'repeated': `threshold` failures in a row (or a failed probe). */
  cause: 'immediate' | 'repeated';
  /** The first pause since the last success or reset: the one worth a notification. */
  first: boolean;
}

/** Failures a retry or a wait cannot fix. */
export function needsUserAction(error: ApiError): boolean {
  return error.kind === 'auth' || error.kind === 'config' || error.modelProblem === 'chatReply';
}

export class FailureBreaker {
  private readonly options: FailureBreakerOptions;
  private consecutive = 0;
  private trips = 0;
  private last: BreakerTrip | undefined;
  private context: string | undefined;

  constructor(options: Partial<FailureBreakerOptions> = {}) {
    this.options = { ...DEFAULT_BREAKER_OPTIONS, ...options };
  }

  /** Whether requests are paused now. */
  isPaused(): boolean {
    return this.last !== undefined && this.options.now() < this.last.until;
  }

  /** The pause in force, or undefined. */
  get pause(): BreakerTrip | undefined {
    return this.isPaused() ? this.last : undefined;
  }

  recordSuccess(): void {
    this.reset();
  }

  /**
   * Starts afresh when `context` (a fingerprint of the settings and the key the requests are
   * sent with) differs from the last one seen. Returns true when that ended a pause.
   */
  resetOnChange(context: string): boolean {
    const changed = this.context !== undefined && this.context !== context;
    this.context = context;
    if (!changed) return false;
    const wasPaused = this.isPaused();
    this.reset();
    return wasPaused;
  }

  reset(): void {
    this.consecutive = 0;
    this.trips = 0;
    this.last = undefined;
  }

  /** Counts a failure; returns the pause when this failure starts one. */
  recordFailure(error: ApiError): BreakerTrip | undefined {
    if (error.kind === 'aborted') return undefined;
    if (this.isPaused()) return undefined; // a request already in flight when it tripped
    this.consecutive++;
    const immediate = needsUserAction(error);
    const probeFailed = this.trips > 0;
    if (!immediate && !probeFailed && this.consecutive < this.options.threshold) return undefined;
    const pauseMs = Math.min(this.options.maxPauseMs, this.options.basePauseMs * 2 ** this.trips);
    this.trips++;
    this.last = {
      until: this.options.now() + pauseMs,
      pauseMs,
      failures: this.consecutive,
      error,
      cause: immediate ? 'immediate' : 'repeated',
      first: this.trips === 1,
    };
    return this.last;
  }
}
