import type { CompletionOutcome } from '../core/client/completionClient';
import { CompletionDispatcher, DispatchRequest } from '../core/dispatch/completionDispatcher';
import { ApiKeyStore } from './apiKeyStore';
import { ErrorNotifier } from './errorNotifier';
import { MissingKeyPrompt } from './missingKeyPrompt';
import { RequestLog } from './requestLog';
import { SettingsSource } from './settingsSource';
import { StatusBarIndicator } from './statusBarIndicator';

/**
 * The one path from the editor to the API. The policy (refused endpoints, key prompts, the
 * ghost-text pause, retries, who is told what) is the core's {@link CompletionDispatcher}; this
 * class only connects it to the key store, the status bar, the notifications and the log.
 * Resolves undefined when nothing was sent.
 */
export class CompletionGateway {
  private readonly dispatcher: CompletionDispatcher;

  constructor(
    private readonly settings: SettingsSource,
    keys: ApiKeyStore,
    log: RequestLog,
    status: StatusBarIndicator,
    missingKey: MissingKeyPrompt,
    errors: ErrorNotifier,
  ) {
    this.dispatcher = new CompletionDispatcher({
      keyFor: (origin) => keys.get(origin),
      askForKey: (origin, fromTyping) => missingKey.ask(origin, fromTyping),
      showTarget: (text) => status.setDetail(text),
      beginRequest: () => status.begin(),
      showError: (message) => status.setError(message),
      recordOutcome: (outcome) => status.recordOutcome(outcome),
      logRequest: (facts, failed) => log.request(facts, failed),
      logInfo: (text) => log.info(text),
      notifyFailure: (error) => errors.report(error, false),
      notifyPaused: (trip) => errors.paused(trip),
      notifySucceeded: () => errors.succeeded(),
    });
  }

  /** Forgets ghost-text failures and ends a pause (the settings or the key changed). */
  resetFailures(): void {
    this.dispatcher.resetFailures();
  }

  /** Typing started: pre-connect to the endpoint (see CompletionDispatcher.warmUp). */
  warmUp(): void {
    this.dispatcher.warmUp(this.settings.get());
  }

  send(request: DispatchRequest): Promise<CompletionOutcome | undefined> {
    return this.dispatcher.send(this.settings.get(), request);
  }
}
