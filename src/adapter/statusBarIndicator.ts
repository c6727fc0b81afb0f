import * as vscode from 'vscode';
import { CompletionOutcome } from '../core/client/completionClient';
import { CometSettings } from '../core/settings/cometSettings';
import { SessionUsage, SessionUsageSnapshot } from '../core/session/sessionUsage';
import { BudgetFacts, StatusState, statusState, statusView } from '../core/session/statusTooltip';

export type IndicatorState = StatusState;

export interface StatusBarOptions {
  /** The click opens the status menu (the tooltip says so) rather than toggling ghost text. */
  menu?: boolean;
}

/**
 * The status bar item: idle / working / error / off / snoozed. Clicking it runs the given command
 * (the status menu, or the toggle). Working is counted, so overlapping requests never leave a
 * spinner running. The tooltip shows the model, the endpoint host, the last latency, the tokens
 * used this session and the error when there is one.
 */
export class StatusBarIndicator implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private readonly usage = new SessionUsage();
  private inFlight = 0;
  private errorMessage: string | undefined;
  private enabled = true;
  private detail = '';
  private model: string | undefined;
  private host: string | undefined;
  private snoozedUntil: number | undefined;
  private excludedReason: string | undefined;
  private budget: BudgetFacts | undefined;
  private goOnCommand: string | undefined;
  private readonly tokenListeners: ((tokens: number) => void)[] = [];

  constructor(
    private readonly clickCommand: string,
    private readonly options: StatusBarOptions = {},
  ) {
    this.item = vscode.window.createStatusBarItem('cometComplete.status', vscode.StatusBarAlignment.Right, 100);
    this.item.name = 'Comet Complete';
        this.render();
    this.item.show();
  }

  get state(): IndicatorState {
    return statusState({
      inFlight: this.inFlight,
      enabled: this.enabled,
      snoozedUntil: this.snoozedUntil,
      errorMessage: this.errorMessage,
      excludedReason: this.excludedReason,
      budget: this.budget,
    });
  }

  setEnabled(enabled: boolean): void {
    this.enabled = enabled;
    this.render();
  }

  /** Enabled state, model and endpoint host from the current settings. */
  applySettings(settings: CometSettings): void {
    this.enabled = settings.inline.enabled;
    this.model = settings.model;
    try {
      this.host = new URL(settings.baseUrl).host;
    } catch {
      this.host = settings.baseUrl;
    }
    this.render();
  }

  /** Model and host, shown in the tooltip. */
  setDetail(detail: string): void {
    if (detail !== this.detail) {
      this.detail = detail;
      this.render();
    }
  }

  /** Marks a request as running; call the returned function exactly once when it ends. */
  begin(): () => void {
    this.inFlight++;
    this.render();
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      this.inFlight--;
      this.render();
    };
  }

  setError(message: string | undefined): void {
    this.errorMessage = message;
    this.render();
  }

  /** Counts a finished request: its latency and `usage.totalTokens` (cancelled ones count for nothing). */
  recordOutcome(outcome: CompletionOutcome | undefined): void {
    const tokens = this.usage.record(outcome);
    this.render();
    for (const listener of this.tokenListeners) listener(tokens);
  }

  /** Calls `listener` with the tokens of every counted request (0 when it reported none). */
  onTokens(listener: (tokens: number) => void): void {
    this.tokenListeners.push(listener);
  }

  /**
   * The spend guard's state (undefined: no budget set). While it pauses ghost text, a click on
   * the item runs `goOnCommand` (goes on for today) instead of opening the menu.
   */
  setBudget(budget: BudgetFacts | undefined, goOnCommand?: string): void {
    this.budget = budget;
    this.goOnCommand = goOnCommand;
    this.render();
  }

  /** This session's counters. */
  get sessionUsage(): SessionUsageSnapshot {
    return this.usage.snapshot();
  }

  /** Shows the snooze (undefined: not snoozed). */
  setSnoozedUntil(until: number | undefined): void {
    this.snoozedUntil = until;
    this.render();
  }

  /** The active file is excluded (looks like a secret) and why; undefined: it is not. */
  setExcluded(reason: string | undefined): void {
    if (reason === this.excludedReason) return;
    this.excludedReason = reason;
    this.render();
  }

  private render(): void {
    const clickHint = this.options.menu
      ? vscode.l10n.t('Click for ghost text, snooze, model and connection options')
      : this.enabled
        ? 'Click to turn ghost text off'
        : 'Click to turn ghost text on';
    const view = statusView({
      inFlight: this.inFlight,
      enabled: this.enabled,
      snoozedUntil: this.snoozedUntil,
      errorMessage: this.errorMessage,
      excludedReason: this.excludedReason,
      budget: this.budget,
      model: this.model,
      host: this.host,
      detail: this.detail || undefined,
      usage: this.usage.snapshot(),
      clickHint,
    });
    this.item.command = view.state === 'overBudget' && this.goOnCommand ? this.goOnCommand : this.clickCommand;
    this.item.text = view.text;
    this.item.tooltip = view.tooltip;
    this.item.backgroundColor = view.state === 'error' ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    this.item.accessibilityInformation = { label: view.headline };
  }

  dispose(): void {
    this.item.dispose();
  }
}
