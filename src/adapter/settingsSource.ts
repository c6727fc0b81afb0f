import * as vscode from 'vscode';
import { CometSettings } from '../core/settings/cometSettings';
import { OldNameInUse, readWithRenames } from '../core/settings/renamedSettings';
import { SETTING_SECTION, SettingName } from '../core/settings/settingRules';
import { SettingProblem, formatProblem, validateSettings } from '../core/settings/settingsValidator';

/**
 * The live, validated settings. Validated once per configuration change and then served from
 * memory (the inline provider asks on every keystroke), so a change applies to the next request
 * without reload; a refused value is reported once and the last good value stays in use.
 * A renamed setting still set only under its old name is read from there ({@link readWithRenames}).
 */
export class SettingsSource implements vscode.Disposable {
  private lastGood: CometSettings | undefined;
  private current: CometSettings | undefined;
  private reported = new Set<string>();
  private readonly subscription = vscode.workspace.onDidChangeConfiguration((event) => {
    if (event.affectsConfiguration(SETTING_SECTION)) this.current = undefined;
  });

  constructor(
    private readonly onProblems: (problems: SettingProblem[]) => void,
    private readonly onOldNameInUse: (use: OldNameInUse) => void = () => undefined,
  ) {}

  get(): CometSettings {
    return this.current ?? this.read();
  }

  private read(): CometSettings {
    const config = vscode.workspace.getConfiguration(SETTING_SECTION);
    const renamed = readWithRenames((name) => config.get(name), (name) => userValue(config, name));
    const { settings, problems } = validateSettings((name: SettingName) => renamed.read(name), this.lastGood);
    for (const use of renamed.oldNamesInUse) this.onOldNameInUse(use);
    this.lastGood = settings;
    this.current = settings;
    const fresh = problems.filter((p) => !this.reported.has(p.setting + p.message));
    this.reported = new Set(problems.map((p) => p.setting + p.message));
    if (fresh.length > 0) this.onProblems(fresh);
    return settings;
  }

  dispose(): void {
    this.subscription.dispose();
  }
}

/** The user's own value of a setting, the most specific scope first; undefined when it is unset everywhere. */
function userValue(config: vscode.WorkspaceConfiguration, name: string): unknown {
  const inspected = config.inspect(name);
  return inspected?.workspaceFolderValue ?? inspected?.workspaceValue ?? inspected?.globalValue;
}

export async function showSettingProblems(problems: SettingProblem[]): Promise<void> {
  const first = problems[0];
  const more = problems.length > 1 ? ' ' + vscode.l10n.t('(and {0} more setting problems)', problems.length - 1) : '';
  const openSettings = vscode.l10n.t('Open Settings');
  const choice = await vscode.window.showWarningMessage(`Comet Complete: ${formatProblem(first)}${more}`, openSettings);
  if (choice === openSettings) {
    await vscode.commands.executeCommand('workbench.action.openSettings', first.setting);
  }
}
