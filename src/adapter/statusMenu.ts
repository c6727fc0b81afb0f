import * as vscode from 'vscode';
import { ExclusionVerdict } from '../core/exclusion/secretFiles';
import { isLanguageEnabled, withLanguageEnabled } from '../core/settings/languageToggle';
import { SETTING_RULES, SETTING_SECTION } from '../core/settings/settingRules';
import { formatClockTime } from '../core/session/snooze';
import { StatusMenuAction, buildStatusMenu } from '../core/session/statusMenuEntries';
import { GhostTextSnooze } from './ghostTextSnooze';
import { SettingsSource } from './settingsSource';

export interface StatusMenuCommands {
  selectModel: string;
  testConnection: string;
  setApiKey: string;
  showLog: string;
  openWalkthrough: string;
  goOnPastBudget: string;
}

interface MenuItem extends vscode.QuickPickItem {
  action?: StatusMenuAction;
}

function isBooleanMap(value: unknown): value is Record<string, boolean> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.values(value).every((v) => typeof v === 'boolean');
}

/**
 * The menu behind the status bar item: ghost text on/off (everywhere, or for the current
 * language, in the user settings), snooze for 5/15/60 minutes or resume, and the everyday commands.
 */
export class StatusMenu {
  constructor(
    private readonly settings: SettingsSource,
    private readonly snooze: GhostTextSnooze,
    private readonly commands: StatusMenuCommands,
    private readonly isExcluded: (document: vscode.TextDocument) => ExclusionVerdict = () => ({ excluded: false }),
    private readonly budget: () => { usedToday: number; dailyLimit: number; paused: boolean } | undefined = () => undefined,
  ) {}

  async show(): Promise<void> {
    const settings = this.settings.get();
    const document = vscode.window.activeTextEditor?.document;
    const languageId = document?.languageId;
    const exclusion = document ? this.isExcluded(document) : undefined;
    let host: string | undefined;
    try {
      host = new URL(settings.baseUrl).host;
    } catch {
      host = undefined;
    }
    const entries = buildStatusMenu({
      inlineEnabled: settings.inline.enabled,
      languageId,
      languageEnabled: languageId ? isLanguageEnabled(settings.inline.languages, languageId) : undefined,
      snoozedUntil: this.snooze.until,
      excludedReason: exclusion?.excluded ? exclusion.reason : undefined,
      budget: this.budget(),
      now: Date.now(),
      model: settings.model,
      host,
    });
    const items: MenuItem[] = entries.map((entry) =>
      entry.kind === 'separator'
        ? { label: entry.label, kind: vscode.QuickPickItemKind.Separator }
        : { label: entry.label, description: entry.description, action: entry.action },
    );
    const choice = await vscode.window.showQuickPick(items, { title: 'Comet Complete', placeHolder: vscode.l10n.t('Ghost text, snooze, model and connection') });
    if (choice?.action) await this.perform(choice.action);
  }

  async perform(action: StatusMenuAction): Promise<void> {
    switch (action.kind) {
      case 'setGlobal':
        return this.setGlobal(action.enabled);
      case 'setLanguage':
        return this.setLanguage(action.languageId, action.enabled);
      case 'snooze': {
        const until = this.snooze.snoozeFor(action.minutes);
        vscode.window.setStatusBarMessage(vscode.l10n.t('Comet Complete: ghost text snoozed until {0}', formatClockTime(until)), 3000);
        return;
      }
      case 'resume':
        this.snooze.resume();
        vscode.window.setStatusBarMessage(vscode.l10n.t('Comet Complete: ghost text resumed'), 3000);
        return;
      case 'selectModel':
        await vscode.commands.executeCommand(this.commands.selectModel);
        return;
      case 'testConnection':
        await vscode.commands.executeCommand(this.commands.testConnection);
        return;
      case 'setApiKey':
        await vscode.commands.executeCommand(this.commands.setApiKey);
        return;
      case 'openSettings':
        await vscode.commands.executeCommand('workbench.action.openSettings', SETTING_SECTION);
        return;
      case 'goOnPastBudget':
        await vscode.commands.executeCommand(this.commands.goOnPastBudget);
        return;
      case 'openBudgetSetting':
        await vscode.commands.executeCommand('workbench.action.openSettings', `${SETTING_SECTION}.spendGuard.dailyTokenBudget`);
        return;
      case 'openExcludeSetting':
        await vscode.commands.executeCommand('workbench.action.openSettings', `${SETTING_SECTION}.excludeFiles`);
        return;
      case 'showLog':
        await vscode.commands.executeCommand(this.commands.showLog);
        return;
      case 'openWalkthrough':
        await vscode.commands.executeCommand(this.commands.openWalkthrough);
        return;
    }
  }

  private async setGlobal(enabled: boolean): Promise<void> {
    const config = vscode.workspace.getConfiguration(SETTING_SECTION);
    await config.update('inline.enabled', enabled, vscode.ConfigurationTarget.Global);
    if (this.settings.get().inline.enabled !== enabled) {
      void vscode.window.showWarningMessage(
        vscode.l10n.t('Comet Complete: ghost text was turned {0} in your user settings, but this workspace’s “cometComplete.inline.enabled” overrides it.', enabled ? 'on' : 'off'),
      );
      return;
    }
    vscode.window.setStatusBarMessage(enabled ? vscode.l10n.t('Comet Complete: ghost text on') : vscode.l10n.t('Comet Complete: ghost text off'), 3000);
  }

  private async setLanguage(languageId: string, enabled: boolean): Promise<void> {
    const config = vscode.workspace.getConfiguration(SETTING_SECTION);
    const global = config.inspect('inline.languages')?.globalValue;
    const current = isBooleanMap(global) ? global : { ...SETTING_RULES['inline.languages'].default };
    await config.update('inline.languages', withLanguageEnabled(current, languageId, enabled), vscode.ConfigurationTarget.Global);
    if (isLanguageEnabled(this.settings.get().inline.languages, languageId) !== enabled) {
      void vscode.window.showWarningMessage(
        vscode.l10n.t('Comet Complete: saved in your user settings, but this workspace’s “cometComplete.inline.languages” overrides it for {0}.', languageId),
      );
      return;
    }
    vscode.window.setStatusBarMessage(
      enabled ? vscode.l10n.t('Comet Complete: ghost text on for {0}', languageId) : vscode.l10n.t('Comet Complete: ghost text off for {0}', languageId),
      3000,
    );
  }
}
