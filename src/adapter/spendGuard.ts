import * as vscode from 'vscode';
import { DailyBudgetState, DailyBudgetStatus, addTokens, budgetStatus, overrideToday, readBudgetState } from '../core/session/dailyBudget';
import { formatTokens } from '../core/session/statusTooltip';
import { SettingsSource } from './settingsSource';

const STATE_KEY = 'cometComplete.dailyTokens';

/**
 * The optional daily token budget (`cometComplete.spendGuard.dailyTokenBudget`): counts the
 * tokens of every request (stopped streams as estimates) per local day in VS Code's global
 * storage, pauses ghost text once the budget is reached (one notification that day), and goes on
 * for the rest of the day at one click (the status bar item, the notification, or the command).
 */
export class SpendGuard implements vscode.Disposable {
  private state: DailyBudgetState;
  private notifiedDay: string | undefined;
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly storage: vscode.Memento,
    private readonly settings: SettingsSource,
    private readonly goOnCommand: string,
    private readonly now: () => number = Date.now,
  ) {
    this.state = readBudgetState(storage.get(STATE_KEY), now());
  }

  status(): DailyBudgetStatus {
    return budgetStatus(this.state, this.settings.get().spendGuard.dailyTokenBudget, this.now());
  }

  /** Whether ghost text is paused by the budget now. */
  isPaused(): boolean {
    return this.status().paused;
  }

  record(tokens: number): void {
    if (!(tokens > 0)) return;
    const wasPaused = this.isPaused();
    this.state = addTokens(this.state, tokens, this.now());
    void this.storage.update(STATE_KEY, this.state);
    const status = this.status();
    this.changed.fire();
    if (status.paused && !wasPaused && this.notifiedDay !== this.state.day) {
      this.notifiedDay = this.state.day;
      void this.notify(status);
    }
  }

  /** Goes on past the budget for the rest of today. */
  goOnToday(): void {
    this.state = overrideToday(this.state, this.now());
    void this.storage.update(STATE_KEY, this.state);
    this.changed.fire();
    vscode.window.setStatusBarMessage(vscode.l10n.t('Comet Complete: ghost text goes on today past the token budget'), 3000);
  }

  private async notify(status: DailyBudgetStatus): Promise<void> {
    const goOn = vscode.l10n.t('Go On Today');
    const settings = vscode.l10n.t('Open Settings');
    const choice = await vscode.window.showInformationMessage(
      vscode.l10n.t(
        "Comet Complete: today's token budget is used up ({0} of {1} tokens), so ghost text is paused until tomorrow. Complete Selection still works.",
        formatTokens(status.usedToday),
        formatTokens(status.dailyLimit),
      ),
      goOn,
      settings,
    );
    if (choice === goOn) await vscode.commands.executeCommand(this.goOnCommand);
    else if (choice === settings) await vscode.commands.executeCommand('workbench.action.openSettings', 'cometComplete.spendGuard.dailyTokenBudget');
  }

  dispose(): void {
    this.changed.dispose();
  }
}
