import * as vscode from 'vscode';
import { ApiError } from '../core/apiError';

/**
 * Tells the user about a failed request, with the button that fixes it. Errors while typing
 * are shown at most once per kind until a request succeeds again; an explicit command
 * always reports its own failure.
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

  private async show(error: ApiError): Promise<void> {
    const actions: string[] = [];
    if (error.kind === 'auth') actions.push('Set API Key');
    if (error.kind === 'notFound' || error.kind === 'config' || error.kind === 'protocol' || error.kind === 'badRequest') {
      actions.push('Open Settings');
    }
    actions.push('Show Log');
    const show = error.retryable ? vscode.window.showWarningMessage : vscode.window.showErrorMessage;
    const choice = await show(`Comet Complete: ${error.message}`, ...actions);
    if (choice === 'Set API Key') await vscode.commands.executeCommand(this.commands.setApiKey);
    else if (choice === 'Open Settings') await vscode.commands.executeCommand('workbench.action.openSettings', 'cometComplete');
    else if (choice === 'Show Log') await vscode.commands.executeCommand(this.commands.showLog);
  }
}
