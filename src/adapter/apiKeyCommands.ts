import * as vscode from 'vscode';
import { apiKeyProblem, describeApiKeyProblem } from '../core/client/apiKeyText';
import { resolveEndpoint } from '../core/endpoint/endpoint';
import { ApiKeyStore } from './apiKeyStore';
import { SettingsSource } from './settingsSource';

function validateKeyText(value: string): string | undefined {
  const problem = apiKeyProblem(value);
  if (!problem) return undefined;
  if (problem.kind === 'empty') return vscode.l10n.t('Enter the API key, or press Escape to cancel.');
  if (problem.kind === 'whitespace') return vscode.l10n.t('An API key contains no spaces or line breaks.');
  return describeApiKeyProblem(problem);
}

/**
 * "Set API Key" and "Clear API Key". The key belongs to the origin of the current base URL
 * and is asked for in a password box. `setApiKey` also accepts the key as an argument
 * (for automation); it is never echoed anywhere.
 */
export class ApiKeyCommands {
  constructor(
    private readonly keys: ApiKeyStore,
    private readonly settings: SettingsSource,
    private readonly onChanged: () => void,
  ) {}

  async setApiKey(keyArgument?: unknown): Promise<boolean> {
    const { origin, problem } = resolveEndpoint(this.settings.get().baseUrl);
    if (problem) {
      void vscode.window.showErrorMessage(`Comet Complete: ${problem}`);
      return false;
    }
    let key = typeof keyArgument === 'string' ? keyArgument : undefined;
    if (key === undefined) {
      key = await vscode.window.showInputBox({
        title: vscode.l10n.t('Comet Complete: Set API Key'),
        prompt: vscode.l10n.t("API key for {0}. It is kept in VS Code's secret storage and sent only to {0}.", origin),
        password: true,
        ignoreFocusOut: true,
        placeHolder: 'sk-…',
        validateInput: validateKeyText,
      });
      if (key === undefined) return false;
    } else if (validateKeyText(key)) {
      void vscode.window.showErrorMessage(vscode.l10n.t('Comet Complete: {0}', validateKeyText(key) ?? ''));
      return false;
    }
    await this.keys.set(origin, key.trim());
    this.onChanged();
    void vscode.window.showInformationMessage(vscode.l10n.t('Comet Complete: API key saved for {0}.', origin));
    return true;
  }

  async clearApiKey(): Promise<void> {
    const { origin } = resolveEndpoint(this.settings.get().baseUrl);
    await this.keys.delete(origin);
    this.onChanged();
    void vscode.window.showInformationMessage(vscode.l10n.t('Comet Complete: API key removed for {0}.', origin));
  }
}
