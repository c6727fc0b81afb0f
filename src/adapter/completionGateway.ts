import { ApiError } from '../core/apiError';
import { CompletionOutcome, requestCompletion } from '../core/completionClient';
import { CompletionDelta, CompletionRequestBody } from '../core/completionTypes';
import { insecureEndpointReason, resolveEndpoint } from '../core/endpoint/endpoint';
import { ApiKeyStore } from './apiKeyStore';
import { ErrorNotifier } from './errorNotifier';
import { MissingKeyPrompt } from './missingKeyPrompt';
import { RequestLog } from './requestLog';
import { SettingsSource } from './settingsSource';
import { StatusBarIndicator } from './statusBarIndicator';

export type RequestPurpose = 'ghost text' | 'complete selection';

export interface GatewayRequest {
  purpose: RequestPurpose;
  body: CompletionRequestBody;
  signal: AbortSignal;
  onDelta?: (delta: CompletionDelta) => void;
}

/**
 * The one path from the editor to the API: resolves the endpoint, refuses insecure ones,
 * fetches the endpoint's key (asking for it when missing), sends the request through the
 * core client, and reports the outcome to the log, the status bar and the user.
 * Resolves undefined when nothing was sent.
 */
export class CompletionGateway {
  constructor(
    private readonly settings: SettingsSource,
    private readonly keys: ApiKeyStore,
    private readonly log: RequestLog,
    private readonly status: StatusBarIndicator,
    private readonly missingKey: MissingKeyPrompt,
    private readonly errors: ErrorNotifier,
  ) {}

  async send(request: GatewayRequest): Promise<CompletionOutcome | undefined> {
    const settings = this.settings.get();
    const fromTyping = request.purpose === 'ghost text';
    const endpoint = resolveEndpoint(settings.baseUrl);
    this.status.setDetail(`${settings.model} @ ${endpoint.host}`);
    const insecure = insecureEndpointReason(endpoint, settings.allowInsecureHttp);
    if (insecure) {
      const error = new ApiError({ kind: 'config', message: insecure });
      this.status.setError(error.message);
      this.errors.report(error, fromTyping);
      return { ok: false, error, meta: { totalMs: 0, url: endpoint.completionsUrl } };
    }
    const stored = await this.keys.get(endpoint.origin);
    if (stored.kind === 'missing') {
      this.missingKey.ask(endpoint.origin, fromTyping);
      return undefined;
    }
    if (request.signal.aborted) return undefined;
    const end = this.status.begin();
    try {
      const outcome = await requestCompletion(
        {
          baseUrl: settings.baseUrl,
          apiKey: stored.kind === 'key' ? stored.key : undefined,
          timeoutMs: settings.requestTimeoutSeconds * 1000,
        },
        request.body,
        { signal: request.signal, onDelta: request.onDelta },
      );
      this.record(request, outcome, endpoint.host, settings.log.promptPreviewChars);
      this.status.recordOutcome(outcome);
      return outcome;
    } finally {
      end();
    }
  }

  private record(request: GatewayRequest, outcome: CompletionOutcome, host: string, previewChars: number): void {
    const facts = {
      origin: request.purpose,
      host,
      body: request.body,
      previewChars,
      status: outcome.meta.status,
      firstByteMs: outcome.meta.firstByteMs,
      totalMs: outcome.meta.totalMs,
    };
    if (outcome.ok) {
      const choice = outcome.result.choices[0];
      const usage = outcome.result.usage;
      this.log.request(
        {
          ...facts,
          outcome: `ok finish=${choice?.finishReason ?? '-'} completion_chars=${choice?.text.length ?? 0}` +
            (usage ? ` tokens=${usage.promptTokens}+${usage.completionTokens}` : ''),
        },
        false,
      );
      this.status.setError(undefined);
      this.errors.succeeded();
      return;
    }
    const error = outcome.error;
    this.log.request({ ...facts, outcome: `${error.kind}: ${error.message}` }, error.kind !== 'aborted');
    if (error.kind === 'aborted') return;
    this.status.setError(error.message);
    this.errors.report(error, request.purpose === 'ghost text');
  }
}
