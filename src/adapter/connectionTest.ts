import * as vscode from 'vscode';
import { CompletionOutcome, requestCompletion } from '../core/completionClient';
import { ConnectionTestAction, ConnectionTestVerdict, connectionTestBody, describeConnectionTest } from '../core/connection/connectionTest';
import { insecureEndpointReason, resolveEndpoint } from '../core/endpoint/endpoint';
import { ApiKeyStore } from './apiKeyStore';
import { MissingKeyPrompt } from './missingKeyPrompt';
import { RequestLog } from './requestLog';
import { SettingsSource } from './settingsSource';
import { StatusBarIndicator } from './statusBarIndicator';

export interface ConnectionTestCommands {
  selectModel: string;
  setApiKey: string;
  showLog: string;
}

/**
 * "Test Connection": one `max_tokens: 1`, non-streamed request with the current model, then a
 * notification (and a log line) saying whether this model works on `/completions`, with the
 * latency; a chat-only model is named as such, with "Select Model" at hand.
 */
export class ConnectionTestCommand {
  constructor(
    private readonly settings: SettingsSource,
    private readonly keys: ApiKeyStore,
    private readonly log: RequestLog,
    private readonly status: StatusBarIndicator,
    private readonly missingKey: MissingKeyPrompt,
    private readonly commands: ConnectionTestCommands,
  ) {}

  /** Resolves the verdict, or undefined when nothing was sent (insecure endpoint, no key). */
  async run(): Promise<ConnectionTestVerdict | undefined> {
    const settings = this.settings.get();
    const endpoint = resolveEndpoint(settings.baseUrl);
    const insecure = insecureEndpointReason(endpoint, settings.allowInsecureHttp);
    if (insecure) {
      void this.offer('error', `Comet Complete: ${insecure}`, ['openSettings']);
      return undefined;
    }
    const stored = await this.keys.get(endpoint.origin);
    if (stored.kind === 'missing') {
      this.missingKey.ask(endpoint.origin, false);
      return undefined;
    }
    const body = connectionTestBody(settings.model);
    const end = this.status.begin();
    let outcome: CompletionOutcome;
    try {
      outcome = await vscode.window.withProgress(
        {
          location: vscode.ProgressLocation.Notification,
          title: vscode.l10n.t('Comet Complete: testing “{0}” at {1}…', settings.model, endpoint.host),
          cancellable: true,
        },
        async (_progress, token) => {
          const controller = new AbortController();
          const subscription = token.onCancellationRequested(() => controller.abort());
          try {
            return await requestCompletion(
              { baseUrl: settings.baseUrl, apiKey: stored.kind === 'key' ? stored.key : undefined, timeoutMs: settings.requestTimeoutSeconds * 1000 },
              body,
              { signal: controller.signal },
            );
          } finally {
            subscription.dispose();
          }
        },
      );
    } finally {
      end();
    }
    const verdict = describeConnectionTest(outcome, { model: settings.model, host: endpoint.host });
    const aborted = !outcome.ok && outcome.error.kind === 'aborted';
    this.log.request(
      {
        origin: 'test connection',
        host: endpoint.host,
        body,
        previewChars: 0,
        status: outcome.meta.status,
        firstByteMs: outcome.meta.firstByteMs,
        totalMs: outcome.meta.totalMs,
        outcome: verdict.logOutcome,
      },
      !verdict.ok && !aborted,
    );
    this.status.recordOutcome(outcome);
    if (verdict.ok) this.status.setError(undefined);
    else if (!aborted) this.status.setError(verdict.message);
    if (!aborted) void this.offer(verdict.severity, `Comet Complete: ${verdict.message}`, verdict.actions);
    return verdict;
  }

  private async offer(severity: ConnectionTestVerdict['severity'], message: string, actions: ConnectionTestAction[]): Promise<void> {
    const labels: Record<ConnectionTestAction, string> = {
      selectModel: vscode.l10n.t('Select Model'),
      setApiKey: vscode.l10n.t('Set API Key'),
      openSettings: vscode.l10n.t('Open Settings'),
      showLog: vscode.l10n.t('Show Log'),
      retry: vscode.l10n.t('Try Again'),
    };
    const show =
      severity === 'info' ? vscode.window.showInformationMessage : severity === 'warning' ? vscode.window.showWarningMessage : vscode.window.showErrorMessage;
    const choice = await show(message, ...actions.map((action) => labels[action]));
    const action = actions.find((candidate) => labels[candidate] === choice);
    switch (action) {
      case 'selectModel':
        await vscode.commands.executeCommand(this.commands.selectModel);
        break;
      case 'setApiKey':
        await vscode.commands.executeCommand(this.commands.setApiKey);
        break;
      case 'openSettings':
        await vscode.commands.executeCommand('workbench.action.openSettings', 'cometComplete');
        break;
      case 'showLog':
        await vscode.commands.executeCommand(this.commands.showLog);
        break;
      case 'retry':
        await this.run();
        break;
    }
  }
}
