/**
 * This session's counters for the status bar: requests, failures, tokens used (the sum of
 * `usage.totalTokens` of every answered request) and the latency of the last answered request.
 * Cancelled requests count for nothing: their timing says nothing about the server.
 */
import { CompletionOutcome } from '../client/completionClient';

export interface SessionUsageSnapshot {
  requests: number;
  failures: number;
  totalTokens: number;
  /** Requests whose answer carried `usage`. */
  requestsWithUsage: number;
  /** Total time of the last request that got an answer (success or HTTP error). */
  lastLatencyMs?: number;
  lastFirstByteMs?: number;
}

export class SessionUsage {
  private state: SessionUsageSnapshot = { requests: 0, failures: 0, totalTokens: 0, requestsWithUsage: 0 };

  record(outcome: CompletionOutcome | undefined): void {
    if (!outcome) return;
    if (!outcome.ok && outcome.error.kind === 'aborted') return;
    const next = { ...this.state, requests: this.state.requests + 1 };
    if (outcome.ok) {
      const tokens = outcome.result.usage?.totalTokens;
      if (typeof tokens === 'number' && Number.isFinite(tokens) && tokens >= 0) {
        next.totalTokens += tokens;
        next.requestsWithUsage += 1;
      }
    } else {
      next.failures += 1;
    }
    if (outcome.ok || outcome.meta.status !== undefined) {
      next.lastLatencyMs = outcome.meta.totalMs;
      next.lastFirstByteMs = outcome.meta.firstByteMs;
    }
    this.state = next;
  }

  snapshot(): SessionUsageSnapshot {
    return { ...this.state };
  }

  reset(): void {
    this.state = { requests: 0, failures: 0, totalTokens: 0, requestsWithUsage: 0 };
  }
}
