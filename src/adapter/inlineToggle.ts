import * as vscode from 'vscode';
import { SETTING_SECTION } from '../core/settings/settingRules';

/** Flips `cometComplete.inline.enabled` in the user settings and says so. */
export async function toggleInlineSetting(): Promise<boolean> {
  const config = vscode.workspace.getConfiguration(SETTING_SECTION);
  const enabled = !config.get<boolean>('inline.enabled', true);
  await config.update('inline.enabled', enabled, vscode.ConfigurationTarget.Global);
  vscode.window.setStatusBarMessage(enabled ? vscode.l10n.t('Comet Complete: ghost text on') : vscode.l10n.t('Comet Complete: ghost text off'), 3000);
  return enabled;
}
