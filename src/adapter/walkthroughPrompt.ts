import * as vscode from 'vscode';
import { resolveEndpoint } from '../core/endpoint/endpoint';
import { ApiKeyStore } from './apiKeyStore';
import { SettingsSource } from './settingsSource';

/** `contributes.walkthroughs[].id` in package.json. */
export const WALKTHROUGH_ID = 'cometComplete.gettingStarted';

/** globalState key: the first-run prompt was shown (it is shown once, ever). */
const PROMPT_SHOWN_KEY = 'cometComplete.walkthroughPromptShown';

/** Opens the "Get Started with Comet Complete" walkthrough. */
export function openWalkthrough(extensionId: string): Thenable<unknown> {
  return vscode.commands.executeCommand('workbench.action.openWalkthrough', `${extensionId}#${WALKTHROUGH_ID}`, false);
}

/**
 * On first activation with no key for the current endpoint: one gentle, non-modal prompt that
 * opens the walkthrough. Remembered in `globalState`, so it never comes back. Not shown when the
 * extension runs under its own tests (`ExtensionMode.Test`).
 */
export class WalkthroughPrompt {
  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly keys: ApiKeyStore,
    private readonly settings: SettingsSource,
  ) {}

  /** Resolves true when the prompt was shown now. */
  async maybeShow(): Promise<boolean> {
    if (this.context.extensionMode === vscode.ExtensionMode.Test) return false;
    if (this.context.globalState.get<boolean>(PROMPT_SHOWN_KEY)) return false;
    let origin: string;
    try {
      origin = resolveEndpoint(this.settings.get().baseUrl).origin;
    } catch {
      return false;
    }
    if ((await this.keys.get(origin)).kind !== 'missing') return false;
    await this.context.globalState.update(PROMPT_SHOWN_KEY, true);
    const open = vscode.l10n.t('Get Started');
    void vscode.window
      .showInformationMessage(vscode.l10n.t('Welcome to Comet Complete! Set your API key, pick a model and try ghost text in a short walkthrough.'), open)
      .then((choice) => {
        if (choice === open) void openWalkthrough(this.context.extension.id);
      });
    return true;
  }
}
