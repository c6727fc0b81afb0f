/**
 * This session's counters for the status bar: requests, failures, tokens (from each answer's
 * `usage`; for a stream we stopped, the estimate the client made from what arrived, marked
 * `estimated`), tokens per model (for a cost estimate), and the latency of the last answered
 * request. Requests cancelled with nothing to count count for nothing: their timing says
 * nothing about the server.
 */
import { CompletionOutcome } from '../client/completionClient';
import { costOf, priceOf } from './modelPrices';

export interface ModelTokens {
  promptTokens: number;
  completionTokens: number;
}

export interface SessionUsageSnapshot {
  requests: number;
  failures: number;
  totalTokens: number;
  /** Part of `totalTokens` we estimated (streams stopped before the server sent usage). */
  estimatedTokens: number;
  /** Requests whose tokens were estimated. */
  estimatedRequests: number;
  /** Requests whose answer carried `usage` (or an estimate of it). */
  requestsWithUsage: number;
  /** Tokens per model as sent in the request (the response's model name when the request's is unknown). */
  byModel: Record<string, ModelTokens>;
  /** Total time of the last request that got an answer (success or HTTP error). */
  lastLatencyMs?: number;
  lastFirstByteMs?: number;
}

/** What a session cost at list prices: the sum over the models whose price is known. */
export interface CostEstimate {
  dollars: number;
  /** Tokens of models without a known price (not in `dollars`). */
  unpricedTokens: number;
}

function empty(): SessionUsageSnapshot {
  return { requests: 0, failures: 0, totalTokens: 0, estimatedTokens: 0, estimatedRequests: 0, requestsWithUsage: 0, byModel: {} };
}

function count(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : 0;
}

export class SessionUsage {
  private state = empty();

  /** Counts a finished request; returns the tokens it added (for the daily budget). */
  record(outcome: CompletionOutcome | undefined, model?: string): number {
    if (!outcome) return 0;
    // A cancelled request counts only when we stopped it after text arrived (it was billed).
    const stoppedUsage = !outcome.ok && outcome.error.kind === 'aborted' ? outcome.meta.stoppedUsage : undefined;
    if (!outcome.ok && outcome.error.kind === 'aborted' && !stoppedUsage) return 0;
    const next = { ...this.state, requests: this.state.requests + 1, byModel: { ...this.state.byModel } };
    let added = 0;
    if (outcome.ok || stoppedUsage) {
      const usage = outcome.ok ? outcome.result.usage : stoppedUsage;
      if (usage) {
        const prompt = count(usage.promptTokens);
        const completion = count(usage.completionTokens);
        added = count(usage.totalTokens) || prompt + completion;
        next.totalTokens += added;
        next.requestsWithUsage += 1;
        if (usage.estimated) {
          next.estimatedTokens += added;
          next.estimatedRequests += 1;
        }
        const name = model ?? (outcome.ok ? outcome.result.model : stoppedUsage?.model) ?? 'unknown';
        const before = next.byModel[name] ?? { promptTokens: 0, completionTokens: 0 };
        next.byModel[name] = { promptTokens: before.promptTokens + prompt, completionTokens: before.completionTokens + completion };
      }
    } else {
      next.failures += 1;
    }
    if (outcome.ok || (outcome.meta.status !== undefined && !stoppedUsage)) {
      next.lastLatencyMs = outcome.meta.totalMs;
      next.lastFirstByteMs = outcome.meta.firstByteMs;
    }
    this.state = next;
    return added;
  }

  snapshot(): SessionUsageSnapshot {
    return { ...this.state, byModel: { ...this.state.byModel } };
  }

  reset(): void {
    this.state = empty();
  }
}

export function estimateCost(usage: Pick<SessionUsageSnapshot, 'byModel'>): CostEstimate {
  let dollars = 0;
  let unpricedTokens = 0;
  for (const [model, tokens] of Object.entries(usage.byModel)) {
    const price = priceOf(model);
    if (price) dollars += costOf(price, tokens.promptTokens, tokens.completionTokens);
    else unpricedTokens += tokens.promptTokens + tokens.completionTokens;
  }
  return { dollars, unpricedTokens };
}
