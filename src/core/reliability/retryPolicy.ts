/**
 * When a failed completion request is worth sending again, and how long to wait first.
 *
 * - Retried: 429, 500, 502, 503, 504, 524 (Cloudflare's origin timeout) and a connection reset
 *   (`ECONNRESET`, `EPIPE`, a socket closed under the request).
 * - Never retried: everything else, notably 400/401/403/404 (the same request fails the same way),
 *   a refused connection, a timeout (the user already waited), a cancel, and any failure after
 *   text was already shown to the user (the retry would show it twice).
 * - The wait is exponential with jitter — half fixed, half random, so clients that failed together
 *   do not come back together — and never less than the server's `Retry-After`. A wait over the
 *   cap (30 s) is not worth it: the failure is reported instead.
 */
import type { ApiError } from '../client/apiError';

export interface RetryPolicyOptions {
  /** Attempts in all, the first included (default 4). */
  maxAttempts: number;
  /** The wait before the first retry, before jitter (default 500 ms); doubles for each retry. */
  baseDelayMs: number;
  /** The longest wait (default 30 s). A `Retry-After` above it ends the retries. */
  maxDelayMs: number;
  /** Uniform in [0, 1); injectable for tests. */
  random: () => number;
}

export const DEFAULT_RETRY_POLICY: Readonly<RetryPolicyOptions> = {
  maxAttempts: 4,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  random: Math.random,
};

/** HTTP statuses a retry may cure. */
export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([429, 500, 502, 503, 504, 524]);

/** Transport codes that mean the connection broke under a request that the server may never have seen finish. */
export const RETRYABLE_NETWORK_CODES: ReadonlySet<string> = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET']);

/** Whether this failure (on its own, ignoring attempts and streamed text) may succeed if sent again. */
export function isRetryableFailure(error: ApiError): boolean {
  if (error.kind === 'rateLimited' || error.kind === 'server') {
    return error.status !== undefined && RETRYABLE_STATUSES.has(error.status);
  }
  if (error.kind === 'network') return error.networkCode !== undefined && RETRYABLE_NETWORK_CODES.has(error.networkCode);
  return false;
}

export type RetryDecision = { retry: true; delayMs: number } | { retry: false; reason: string };

/**
 * Whether to send again after `attempt` (1-based) attempts failed with `error`, and after how long.
 * `streamed`: some text of the failed attempt already reached the caller.
 */
export function decideRetry(
  error: ApiError,
  attempt: number,
  streamed: boolean,
  options: Partial<RetryPolicyOptions> = {},
): RetryDecision {
  const policy = { ...DEFAULT_RETRY_POLICY, ...options };
  if (error.kind === 'aborted') return { retry: false, reason: 'cancelled' };
  if (streamed) return { retry: false, reason: 'text was already shown' };
  if (!isRetryableFailure(error)) return { retry: false, reason: 'not a failure a retry can cure' };
  if (attempt >= policy.maxAttempts) return { retry: false, reason: `gave up after ${attempt} attempts` };
  const backoff = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  const random = Math.min(Math.max(policy.random(), 0), 1);
  const jittered = backoff / 2 + (backoff / 2) * (Number.isFinite(random) ? random : 0);
  const asked = error.retryAfterMs;
  if (asked !== undefined && asked > policy.maxDelayMs) {
    return { retry: false, reason: `the server asked to wait ${Math.ceil(asked / 1000)} s, longer than ${policy.maxDelayMs / 1000} s` };
  }
  const delayMs = Math.round(Math.min(policy.maxDelayMs, Math.max(jittered, asked ?? 0)));
  return { retry: true, delayMs };
}
