import * as vscode from 'vscode';
import { OldNameInUse, oldNameNotice } from '../core/settings/renamedSettings';
import { SETTING_SECTION } from '../core/settings/settingRules';

/**
 * Tells the user, once per renamed setting (remembered across sessions in the extension's global
 * state), that a value is still read from the setting's old name, and offers to open the new one.
 */
export class RenamedSettingNotice {
  private readonly shownThisSession = new Set<string>();

  constructor(private readonly memory: vscode.Memento) {}

  show(use: OldNameInUse): void {
    const key = `renamedSettingNoticeShown:${use.setting.oldName}`;
    if (this.shownThisSession.has(key) || this.memory.get<boolean>(key)) return;
    this.shownThisSession.add(key);
    void this.memory.update(key, true);
    const open = vscode.l10n.t('Open Settings');
    void vscode.window.showInformationMessage(`Comet Complete: ${oldNameNotice(use, SETTING_SECTION)}`, open).then((choice) => {
      if (choice === open) {
        void vscode.commands.executeCommand('workbench.action.openSettings', `${SETTING_SECTION}.${use.setting.newName}`);
      }
    });
  }
}
