import * as vscode from 'vscode';
import { ConnectionTestAction, ConnectionTestVerdict, connectionTestBody, describeConnectionTest } from '../core/connection/connectionTest';
import { describeFindings } from '../core/connection/connectionReport';
import { probeServer } from '../core/connection/serverProbe';
import { resolveEndpoint } from '../core/endpoint/endpoint';
import { ApiKeyStore } from './apiKeyStore';
import { clientConfig } from '../core/dispatch/completionDispatcher';
import { CompletionGateway } from './completionGateway';
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
  /** The settings the last report offered. */
  private offered: Record<string, string | number | boolean | null> = {};

  constructor(
    private readonly settings: SettingsSource,
    private readonly gateway: CompletionGateway,
    private readonly status: StatusBarIndicator,
    private readonly commands: ConnectionTestCommands,
    /** To probe what the server supports after the first request worked (key per origin). */
    private readonly keys?: ApiKeyStore,
  ) {}

  /** Resolves the verdict, or undefined when nothing was sent (no key). */
  async run(): Promise<ConnectionTestVerdict | undefined> {
    const settings = this.settings.get();
    const host = resolveEndpoint(settings.baseUrl).host;
    const probed = await vscode.window.withProgress(
      {
        location: vscode.ProgressLocation.Notification,
        title: vscode.l10n.t('Comet Complete: testing “{0}” at {1}…', settings.model, host),
        cancellable: true,
      },
      async (_progress, token) => {
        const controller = new AbortController();
        const subscription = token.onCancellationRequested(() => controller.abort());
        try {
          // Through the gateway: the same endpoint checks, key, timeouts and log line as every request.
          const body = connectionTestBody(settings.model);
          const first = await this.gateway.send({ purpose: 'test connection', body, signal: controller.signal });
          if (!first || !this.keys || controller.signal.aborted) return { first };
          // The first request got an answer: find out which server this is and what the model does.
          const stored = await this.keys.get(resolveEndpoint(settings.baseUrl).origin);
          const key = stored.kind === 'key' ? stored.key : undefined;
          const findings = await probeServer(clientConfig(settings, key, body), settings.model, { signal: controller.signal, first });
          return { first, findings };
        } finally {
          subscription.dispose();
        }
      },
    );
    const outcome = probed.first;
    if (!outcome || (!outcome.ok && outcome.error.kind === 'aborted')) return undefined;
    const current = vscode.workspace.getConfiguration('cometComplete');
    const verdict = probed.findings
      ? describeFindings(probed.findings, { model: settings.model, host }, (name) => current.get(name))
      : describeConnectionTest(outcome, { model: settings.model, host });
    if (verdict.ok) this.status.setError(undefined);
    else this.status.setError(verdict.message);
    this.offered = 'offer' in verdict ? (verdict.offer as Record<string, string | number | boolean | null>) : {};
    void this.offer(verdict.severity, `Comet Complete: ${verdict.message}`, verdict.actions);
    return verdict;
  }

  private async offer(severity: ConnectionTestVerdict['severity'], message: string, actions: ConnectionTestAction[]): Promise<void> {
    const labels: Record<ConnectionTestAction, string> = {
      selectModel: vscode.l10n.t('Select Model'),
      setApiKey: vscode.l10n.t('Set API Key'),
      openSettings: vscode.l10n.t('Open Settings'),
      showLog: vscode.l10n.t('Show Log'),
      retry: vscode.l10n.t('Try Again'),
      applySettings: vscode.l10n.t('Use These Settings'),
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
      case 'applySettings': {
        const config = vscode.workspace.getConfiguration('cometComplete');
        for (const [name, value] of Object.entries(this.offered)) {
          await config.update(name, value, vscode.ConfigurationTarget.Global);
        }
        break;
      }
    }
  }
}
