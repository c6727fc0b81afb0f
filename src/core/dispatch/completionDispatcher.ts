/**
 * The policy of sending a completion request on the user's behalf, for every purpose: which
 * endpoints are refused (a bad base URL; plain http to another machine), when the key is asked
 * for, when ghost text pauses after failures, what is retried, and what is reported where.
 * Pure core: everything the editor does (key storage, status bar, notifications, log) comes in
 * through {@link DispatchPorts}; src/adapter/completionGateway.ts only translates.
 *
 * Ghost text is sent once (a retry would arrive after the user typed on) and goes through a
 * {@link FailureBreaker}: after repeated failures, or one the user must fix, it pauses itself,
 * says why and until when in the status, and asks for one notification with the fix. While it
 * is paused ghost-text requests resolve undefined without being sent. A success, or a change of
 * the settings or of the key, ends the pause. "Complete Selection" is retried after failures a
 * retry may cure ({@link requestWithRetries}), but never once its text started to show.
 * "Test connection" is sent once; its command reports its own verdict.
 */
import { createHash } from 'node:crypto';
import { ApiError } from '../client/apiError';
import { ClientConfig, CompletionOutcome, requestCompletion } from '../client/completionClient';
import { settleStoppedStream } from '../inlineEngine/streamStop';
import { CompletionDelta, CompletionRequestBody } from '../client/completionTypes';
import type { LineGrouping } from '../client/lineGrouping';
import { insecureEndpointReason, resolveEndpoint } from '../endpoint/endpoint';
import { RequestLogFacts } from '../logging/requestLogLine';
import { outcomeSummary } from '../logging/outcomeSummary';
import { BreakerTrip, FailureBreaker, FailureBreakerOptions } from '../reliability/failureBreaker';
import { formatClock, pauseStatusText } from '../reliability/pauseNotice';
import { RetryDeps, RetryNotice, requestWithRetries } from '../reliability/requestWithRetries';
import { RetryPolicyOptions } from '../reliability/retryPolicy';
import { responseByteCap } from '../reliability/responseByteCap';
import { CometSettings } from '../settings/cometSettings';
import { sharedConnections } from '../transport/sharedConnections';
import type { StopSignal } from '../client/stopSignal';

/** What a request is for; decides retries, the breaker and who is told about a failure. */
export type RequestPurpose = 'ghost text' | 'complete selection' | 'test connection';

/** The key stored for an endpoint's origin. */
export type StoredKey = { kind: 'key'; key: string } | { kind: 'noKeyNeeded' } | { kind: 'missing' };

export interface DispatchRequest {
  purpose: RequestPurpose;
  body: CompletionRequestBody;
  /** Stops the request (a real AbortSignal is one). */
  signal: StopSignal;
  onDelta?: (delta: CompletionDelta) => void;
  /** Ghost text: deliver by complete lines (see client/lineGrouping.ts). */
  lines?: LineGrouping;
  /** Complete Selection only: an attempt failed and will be sent again after `notice.delayMs`. */
  onRetry?: (notice: RetryNotice) => void;
}

/** What the editor does for the dispatcher. None of these may throw. */
export interface DispatchPorts {
  keyFor(origin: string): Promise<StoredKey>;
  /** No key is stored for the origin: ask the user (quietly when `fromTyping`). */
  askForKey(origin: string, fromTyping: boolean): void;
  /** Model and host in use, for the status. */
  showTarget(text: string): void;
  /** A request is in flight until the returned function is called. */
  beginRequest(): () => void;
  /** The last error to show in the status, or undefined to clear it. */
  showError(message: string | undefined): void;
  recordOutcome(outcome: CompletionOutcome): void;
  logRequest(facts: RequestLogFacts, failed: boolean): void;
  logInfo(text: string): void;
  /** A Complete Selection failure: tell the user. */
  notifyFailure(error: ApiError): void;
  /** Ghost text paused (`trip.first`: the first pause of this failure run). */
  notifyPaused(trip: BreakerTrip): void;
  notifySucceeded(): void;
}

export interface DispatcherOptions {
  breaker?: Partial<FailureBreakerOptions>;
  retry?: Partial<RetryPolicyOptions>;
  /** For tests: the wait between retries. */
  sleep?: RetryDeps['sleep'];
}

/** The client settings for one request. */
export function clientConfig(settings: CometSettings, apiKey: string | undefined, body: CompletionRequestBody): ClientConfig {
  return {
    baseUrl: settings.baseUrl,
    apiKey,
    timeoutMs: settings.firstByteTimeoutSeconds * 1000,
    connectTimeoutMs: settings.connectTimeoutSeconds * 1000,
    idleTimeoutMs: settings.idleTimeoutSeconds * 1000,
    totalTimeoutMs: settings.totalTimeoutSeconds * 1000,
    maxResponseBytes: responseByteCap(body),
  };
}

export class CompletionDispatcher {
  private readonly breaker: FailureBreaker;

  constructor(
    private readonly ports: DispatchPorts,
    private readonly options: DispatcherOptions = {},
  ) {
    this.breaker = new FailureBreaker(options.breaker);
  }

  /** Whether ghost text is paused after failures. */
  isPaused(): boolean {
    return this.breaker.isPaused();
  }

  /** Forgets ghost-text failures and ends a pause (the settings or the key changed). */
  resetFailures(): void {
    const wasPaused = this.breaker.isPaused();
    this.breaker.reset();
    if (wasPaused) this.ports.showError(undefined);
  }

  /**
   * Typing started: open a connection to the endpoint now, so the ghost-text request at the
   * pause pays no handshake. Nothing is sent on it; never to an endpoint the key may not go to,
   * nor while ghost text is paused.
   */
  warmUp(settings: CometSettings): void {
    const endpoint = resolveEndpoint(settings.baseUrl);
    if (endpoint.problem || insecureEndpointReason(endpoint, settings.allowInsecureHttp) || this.breaker.isPaused()) return;
    sharedConnections.warmUp(new URL(endpoint.completionsUrl));
  }

  /** Sends one request under the policy above. Resolves undefined when nothing was sent. */
  async send(settings: CometSettings, request: DispatchRequest): Promise<CompletionOutcome | undefined> {
    const fromTyping = request.purpose === 'ghost text';
    const endpoint = resolveEndpoint(settings.baseUrl);
    this.ports.showTarget(`${settings.model} @ ${endpoint.host}`);
    // A bad base URL stops every request, naming the setting; never another host, never a key prompt.
    const refused = endpoint.problem ?? insecureEndpointReason(endpoint, settings.allowInsecureHttp);
    const stored: StoredKey = refused ? { kind: 'missing' } : await this.ports.keyFor(endpoint.origin);
    this.noticeContext(settings, stored);
    if (fromTyping && this.breaker.isPaused()) return undefined;
    if (refused) {
      const error = new ApiError({ kind: 'config', message: refused });
      this.reportFailure(request, error);
      return { ok: false, error, meta: { totalMs: 0, url: endpoint.completionsUrl } };
    }
    if (stored.kind === 'missing') {
      this.ports.askForKey(endpoint.origin, fromTyping);
      return undefined;
    }
    if (request.signal.aborted) return undefined;
    const config = clientConfig(settings, stored.kind === 'key' ? stored.key : undefined, request.body);
    const previewChars = settings.log.promptPreviewChars;
    const end = this.ports.beginRequest();
    try {
      let outcome: CompletionOutcome;
      let attempts = 1;
      if (request.purpose !== 'complete selection') {
        outcome = await requestCompletion(config, request.body, { signal: request.signal, onDelta: request.onDelta, lines: request.lines });
        // A ghost-text stream the engine stopped itself: stopped early (a success with estimated usage) or why it was aborted.
        outcome = settleStoppedStream(outcome, request.signal, request.body);
      } else {
        const retried = await requestWithRetries(
          config,
          request.body,
          {
            signal: request.signal,
            onDelta: request.onDelta,
            onRetry: (notice) => this.onRetry(request, notice, endpoint.host, previewChars),
          },
          { policy: this.options.retry, sleep: this.options.sleep },
        );
        outcome = retried;
        attempts = retried.attempts;
      }
      this.record(request, outcome, attempts, endpoint.host, previewChars);
      this.ports.recordOutcome(outcome);
      return outcome;
    } finally {
      end();
    }
  }

  /** A change of any setting or of the key starts the failure count afresh (the key only as a hash). */
  private noticeContext(settings: CometSettings, stored: StoredKey): void {
    const key = stored.kind === 'key' ? createHash('sha256').update(stored.key).digest('hex') : stored.kind;
    if (this.breaker.resetOnChange(`${JSON.stringify(settings)}\u0000${key}`)) this.ports.showError(undefined);
  }

  private onRetry(request: DispatchRequest, notice: RetryNotice, host: string, previewChars: number): void {
    const meta = notice.outcome.meta;
    this.ports.logRequest(
      {
        purpose: request.purpose,
        host,
        body: request.body,
        previewChars,
        status: meta.status,
        firstByteMs: meta.firstByteMs,
        totalMs: meta.totalMs,
        outcome:
          `${outcomeSummary(notice.outcome)} (attempt ${notice.attempt} of ${notice.maxAttempts}; ` +
          `retrying in ${Math.round(notice.delayMs)} ms)`,
      },
      true,
    );
    try {
      request.onRetry?.(notice);
    } catch {
      // A failing listener must not break the request.
    }
  }

  private record(request: DispatchRequest, outcome: CompletionOutcome, attempts: number, host: string, previewChars: number): void {
    const facts: RequestLogFacts = {
      purpose: request.purpose,
      host,
      body: request.body,
      previewChars,
      status: outcome.meta.status,
      firstByteMs: outcome.meta.firstByteMs,
      totalMs: outcome.meta.totalMs,
      outcome: outcomeSummary(outcome, attempts),
    };
    if (outcome.ok) {
      this.ports.logRequest(facts, false);
      this.breaker.recordSuccess();
      this.ports.showError(undefined);
      this.ports.notifySucceeded();
      return;
    }
    this.ports.logRequest(facts, outcome.error.kind !== 'aborted');
    this.reportFailure(request, outcome.error);
  }

  private reportFailure(request: DispatchRequest, error: ApiError): void {
    if (error.kind === 'aborted') return;
    if (request.purpose === 'test connection') return;
    if (request.purpose === 'complete selection') {
      this.ports.showError(error.message);
      this.ports.notifyFailure(error);
      return;
    }
    const trip = this.breaker.recordFailure(error);
    if (!trip) {
      // Still counting: the status says what failed; no popup per keystroke.
      if (!this.breaker.isPaused()) this.ports.showError(error.message);
      return;
    }
    this.ports.showError(pauseStatusText(trip));
    this.ports.logInfo(
      `Ghost text paused until ${formatClock(trip.until)} (${Math.round(trip.pauseMs / 1000)} s) after ${trip.failures} failure(s): ${error.kind}`,
    );
    if (trip.first) this.ports.notifyPaused(trip);
  }
}
