import * as vscode from 'vscode';
import { ApiError } from '../core/client/apiError';
import type { BreakerTrip } from '../core/reliability/failureBreaker';
import { PauseAction, pauseActions, pauseNotificationText } from '../core/reliability/pauseNotice';

function label(action: PauseAction): string {
  switch (action) {
    case 'Set API Key':
      return vscode.l10n.t('Set API Key');
    case 'Open Settings':
      return vscode.l10n.t('Open Settings');
    case 'Show Log':
      return vscode.l10n.t('Show Log');
  }
}

/**
 * Tells the user about a failed request, with the button that fixes it. Errors while typing
 * are shown at most once per kind until a request succeeds again; an explicit command
 * always reports its own failure. When ghost text pauses itself after failures, one
 * notification says so ({@link ErrorNotifier.paused}).
 */
export class ErrorNotifier {
  private readonly shownWhileTyping = new Set<string>();

  constructor(private readonly commands: { setApiKey: string; showLog: string }) {}

  /** A success clears the memory, so the next new failure is reported again. */
  succeeded(): void {
    this.shownWhileTyping.clear();
  }

  report(error: ApiError, fromTyping: boolean): void {
    if (error.kind === 'aborted') return;
    if (fromTyping) {
      if (this.shownWhileTyping.has(error.kind)) return;
      this.shownWhileTyping.add(error.kind);
    }
    void this.show(error);
  }

  /** Ghost text paused itself: one notification, with the buttons that fix the cause. */
  paused(trip: BreakerTrip): void {
    // The pause covers this failure: do not show it again as a typing error.
    this.shownWhileTyping.add(trip.error.kind);
    const show = trip.error.kind === 'auth' || trip.error.kind === 'config' ? vscode.window.showErrorMessage : vscode.window.showWarningMessage;
    void this.offer(show, pauseNotificationText(trip), pauseActions(trip.error));
  }

  private async show(error: ApiError): Promise<void> {
    const actions: PauseAction[] = [];
    if (error.kind === 'auth') actions.push('Set API Key');
    if (error.kind === 'notFound' || error.kind === 'config' || error.kind === 'protocol' || error.kind === 'badRequest') {
      actions.push('Open Settings');
    }
    actions.push('Show Log');
    const show = error.retryable ? vscode.window.showWarningMessage : vscode.window.showErrorMessage;
    await this.offer(show, `Comet Complete: ${error.message}`, actions);
  }

  private async offer(
    show: (message: string, ...items: string[]) => Thenable<string | undefined>,
    message: string,
    actions: PauseAction[],
  ): Promise<void> {
    const labels = new Map<string, PauseAction>(actions.map((action) => [label(action), action]));
    const picked = await show(message, ...labels.keys());
    const choice = picked === undefined ? undefined : labels.get(picked);
    if (choice === 'Set API Key') await vscode.commands.executeCommand(this.commands.setApiKey);
    else if (choice === 'Open Settings') await vscode.commands.executeCommand('workbench.action.openSettings', 'cometComplete');
    else if (choice === 'Show Log') await vscode.commands.executeCommand(this.commands.showLog);
  }
}
