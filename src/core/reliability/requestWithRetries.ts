/**
 * {@link requestCompletion}, sent again after failures that {@link decideRetry} says a retry may
 * cure. Never throws. An abort ends the wait between attempts at once (outcome kind 'aborted');
 * once any text of an attempt reached `onDelta`, that attempt's outcome is final.
 */
import { abortableDelay } from './abortableDelay';
import { ApiError } from '../client/apiError';
import { ClientConfig, CompletionOutcome, RequestHooks, requestCompletion } from '../client/completionClient';
import type { CompletionRequestBody } from '../client/completionTypes';
import { RetryPolicyOptions, decideRetry } from './retryPolicy';
import type { StopSignal } from '../client/stopSignal';

export interface RetryNotice {
  /** The attempt that failed (1-based). */
  attempt: number;
  maxAttempts: number;
  /** How long we wait before the next attempt. */
  delayMs: number;
  error: ApiError;
  /** The failed attempt's outcome, for logging. */
  outcome: CompletionOutcome;
}

export interface RetryHooks extends RequestHooks {
  /** Called before each wait: an attempt failed and will be sent again. */
  onRetry?: (notice: RetryNotice) => void;
}

export interface RetryDeps {
  policy?: Partial<RetryPolicyOptions>;
  /** Resolves true after `ms`, false as soon as `signal` aborts. Default: a real timer. */
  sleep?: (ms: number, signal?: StopSignal) => Promise<boolean>;
  /** Default: {@link requestCompletion}. */
  send?: typeof requestCompletion;
}

export type RetriedOutcome = CompletionOutcome & { attempts: number };

export async function requestWithRetries(
  config: ClientConfig,
  body: CompletionRequestBody,
  hooks: RetryHooks = {},
  deps: RetryDeps = {},
): Promise<RetriedOutcome> {
  const send = deps.send ?? requestCompletion;
  const sleep = deps.sleep ?? abortableDelay;
  const maxAttempts = Math.max(1, Math.floor(deps.policy?.maxAttempts ?? 4));
  const policy = { ...deps.policy, maxAttempts };
  for (let attempt = 1; ; attempt++) {
    let streamed = false;
    const outcome = await send(config, body, {
      signal: hooks.signal,
      onDelta: (delta) => {
        streamed = true;
        hooks.onDelta?.(delta);
      },
    });
    if (outcome.ok) return { ...outcome, attempts: attempt };
    const decision = decideRetry(outcome.error, attempt, streamed, policy);
    if (!decision.retry || hooks.signal?.aborted) return { ...outcome, attempts: attempt };
    try {
      hooks.onRetry?.({ attempt, maxAttempts, delayMs: decision.delayMs, error: outcome.error, outcome });
    } catch {
      // A failing listener must not break the request.
    }
    const waited = await sleep(decision.delayMs, hooks.signal);
    if (!waited || hooks.signal?.aborted) {
      return {
        ok: false,
        error: new ApiError({ kind: 'aborted', message: 'The request was cancelled.' }),
        meta: outcome.meta,
        attempts: attempt,
      };
    }
  }
}
