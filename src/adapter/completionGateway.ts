import { createHash } from 'node:crypto';
import { ApiError } from '../core/client/apiError';
import { ClientConfig, CompletionOutcome, requestCompletion } from '../core/client/completionClient';
import { CompletionDelta, CompletionRequestBody } from '../core/client/completionTypes';
import { insecureEndpointReason, resolveEndpoint } from '../core/endpoint/endpoint';
import { settleStoppedStream } from '../core/inlineEngine/streamStop';
import { outcomeSummary } from '../core/logging/outcomeSummary';
import { FailureBreaker, FailureBreakerOptions } from '../core/reliability/failureBreaker';
import { formatClock, pauseStatusText } from '../core/reliability/pauseNotice';
import { RetryNotice, requestWithRetries } from '../core/reliability/requestWithRetries';
import { RetryPolicyOptions } from '../core/reliability/retryPolicy';
import { responseByteCap } from '../core/reliability/responseByteCap';
import { CometSettings } from '../core/settings/cometSettings';
import { ApiKeyStore, StoredKey } from './apiKeyStore';
import { ErrorNotifier } from './errorNotifier';
import { MissingKeyPrompt } from './missingKeyPrompt';
import { RequestLog } from './requestLog';
import { SettingsSource } from './settingsSource';
import { StatusBarIndicator } from './statusBarIndicator';

/**
 * Ghost text: sent once, through the failure breaker, never a popup per keystroke.
 * Complete selection: retried, failures notified. Test connection: sent once; the command
 * reports its own verdict.
 */
export type RequestPurpose = 'ghost text' | 'complete selection' | 'test connection';

export interface GatewayRequest {
  purpose: RequestPurpose;
  body: CompletionRequestBody;
  signal: AbortSignal;
  onDelta?: (delta: CompletionDelta) => void;
  /** Complete Selection only: an attempt failed and will be sent again after `notice.delayMs`. */
  onRetry?: (notice: RetryNotice) => void;
}

export interface GatewayOptions {
  breaker?: Partial<FailureBreakerOptions>;
  retry?: Partial<RetryPolicyOptions>;
}

/** The client settings for one request. */
export function clientConfig(settings: CometSettings, apiKey: string | undefined, body: CompletionRequestBody): ClientConfig {
  return {
    baseUrl: settings.baseUrl,
    apiKey,
    timeoutMs: settings.requestTimeoutSeconds * 1000,
    connectTimeoutMs: settings.connectTimeoutSeconds * 1000,
    idleTimeoutMs: settings.idleTimeoutSeconds * 1000,
    totalTimeoutMs: settings.totalTimeoutSeconds * 1000,
    maxResponseBytes: responseByteCap(body),
  };
}

/**
 * The one path from the editor to the API: resolves the endpoint, refuses insecure ones,
 * fetches the endpoint's key (asking for it when missing), sends the request through the
 * core client, and reports the outcome to the log, the status bar and the user.
 * Resolves undefined when nothing was sent.
 *
 * Ghost text is sent once (a retry would arrive after the user typed on) and goes through a
 * {@link FailureBreaker}: after repeated failures, or one the user must fix, it pauses itself,
 * says why and until when in the status bar, and shows one notification with the fix. While it
 * is paused ghost-text requests resolve undefined without being sent. A success, or a change of
 * the settings or of the key, ends the pause. "Complete Selection" is retried after failures a
 * retry may cure ({@link requestWithRetries}), but never once its text started to show.
 */
export class CompletionGateway {
  private readonly breaker: FailureBreaker;

  constructor(
    private readonly settings: SettingsSource,
    private readonly keys: ApiKeyStore,
    private readonly log: RequestLog,
    private readonly status: StatusBarIndicator,
    private readonly missingKey: MissingKeyPrompt,
    private readonly errors: ErrorNotifier,
    private readonly options: GatewayOptions = {},
  ) {
    this.breaker = new FailureBreaker(options.breaker);
  }

  /** Forgets ghost-text failures and ends a pause (the settings or the key changed). */
  resetFailures(): void {
    const wasPaused = this.breaker.isPaused();
    this.breaker.reset();
    if (wasPaused) this.status.setError(undefined);
  }

  async send(request: GatewayRequest): Promise<CompletionOutcome | undefined> {
    const settings = this.settings.get();
    const fromTyping = request.purpose === 'ghost text';
    const endpoint = resolveEndpoint(settings.baseUrl);
    this.status.setDetail(`${settings.model} @ ${endpoint.host}`);
    // A bad base URL stops every request, naming the setting; never another host, never a key prompt.
    const insecure = endpoint.problem ?? insecureEndpointReason(endpoint, settings.allowInsecureHttp);
    const stored: StoredKey = insecure ? { kind: 'missing' } : await this.keys.get(endpoint.origin);
    this.noticeContext(settings, stored);
    if (fromTyping && this.breaker.isPaused()) return undefined;
    if (insecure) {
      const error = new ApiError({ kind: 'config', message: insecure });
      const outcome: CompletionOutcome = { ok: false, error, meta: { totalMs: 0, url: endpoint.completionsUrl } };
      this.reportFailure(request, error);
      return outcome;
    }
    if (stored.kind === 'missing') {
      this.missingKey.ask(endpoint.origin, fromTyping);
      return undefined;
    }
    if (request.signal.aborted) return undefined;
    const config = clientConfig(settings, stored.kind === 'key' ? stored.key : undefined, request.body);
    const end = this.status.begin();
    try {
      let outcome: CompletionOutcome;
      let attempts = 1;
      if (request.purpose !== 'complete selection') {
        outcome = await requestCompletion(config, request.body, { signal: request.signal, onDelta: request.onDelta });
        // A ghost-text stream the engine stopped itself: stopped early (a success with estimated usage) or why it was aborted.
        outcome = settleStoppedStream(outcome, request.signal, request.body);
      } else {
        const retried = await requestWithRetries(
          config,
          request.body,
          {
            signal: request.signal,
            onDelta: request.onDelta,
            onRetry: (notice) => this.onRetry(request, notice, endpoint.host, settings.log.promptPreviewChars),
          },
          { policy: this.options.retry },
        );
        outcome = retried;
        attempts = retried.attempts;
      }
      this.record(request, outcome, attempts, endpoint.host, settings.log.promptPreviewChars);
      this.status.recordOutcome(outcome);
      return outcome;
    } finally {
      end();
    }
  }

  /** A change of any setting or of the key starts the failure count afresh (the key only as a hash). */
  private noticeContext(settings: CometSettings, stored: StoredKey): void {
    const key = stored.kind === 'key' ? createHash('sha256').update(stored.key).digest('hex') : stored.kind;
    if (this.breaker.resetOnChange(`${JSON.stringify(settings)}\u0000${key}`)) this.status.setError(undefined);
  }

  private onRetry(request: GatewayRequest, notice: RetryNotice, host: string, previewChars: number): void {
    const meta = notice.outcome.meta;
    this.log.request(
      {
        origin: request.purpose,
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

  private record(request: GatewayRequest, outcome: CompletionOutcome, attempts: number, host: string, previewChars: number): void {
    const facts = {
      origin: request.purpose,
      host,
      body: request.body,
      previewChars,
      status: outcome.meta.status,
      firstByteMs: outcome.meta.firstByteMs,
      totalMs: outcome.meta.totalMs,
      outcome: outcomeSummary(outcome, attempts),
    };
    if (outcome.ok) {
      this.log.request(facts, false);
      this.breaker.recordSuccess();
      this.status.setError(undefined);
      this.errors.succeeded();
      return;
    }
    this.log.request(facts, outcome.error.kind !== 'aborted');
    this.reportFailure(request, outcome.error);
  }

  private reportFailure(request: GatewayRequest, error: ApiError): void {
    if (error.kind === 'aborted') return;
    if (request.purpose === 'test connection') return;
    if (request.purpose === 'complete selection') {
      this.status.setError(error.message);
      this.errors.report(error, false);
      return;
    }
    const trip = this.breaker.recordFailure(error);
    if (!trip) {
      // Still counting: the status bar says what failed; no popup per keystroke.
      if (!this.breaker.isPaused()) this.status.setError(error.message);
      return;
    }
    this.status.setError(pauseStatusText(trip));
    this.log.info(`Ghost text paused until ${formatClock(trip.until)} (${Math.round(trip.pauseMs / 1000)} s) after ${trip.failures} failure(s): ${error.kind}`);
    if (trip.first) this.errors.paused(trip);
  }
}
