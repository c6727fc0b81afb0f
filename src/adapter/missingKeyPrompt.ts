import * as vscode from 'vscode';
import { ApiKeyStore } from './apiKeyStore';

/**
 * Asks for a key when a request needs one and none is stored. Ghost text asks at most once
 * per endpoint per session (no popup storm while typing); an explicit command asks every time.
 */
export class MissingKeyPrompt {
  private readonly askedFor = new Set<string>();

  constructor(
    private readonly keys: ApiKeyStore,
    private readonly setKeyCommand: string,
  ) {}

  /** Forget which endpoints were asked about (after the key changes). */
  reset(): void {
    this.askedFor.clear();
  }

  ask(origin: string, fromTyping: boolean): void {
    if (fromTyping) {
      if (this.askedFor.has(origin)) return;
      this.askedFor.add(origin);
    }
    void this.show(origin);
  }

  private async show(origin: string): Promise<void> {
    const setKey = vscode.l10n.t('Set API Key');
    const withoutKey = vscode.l10n.t('Use Without Key');
    const choice = await vscode.window.showWarningMessage(
      vscode.l10n.t('Comet Complete needs an API key for {0}.', origin),
      setKey,
      withoutKey,
    );
    if (choice === setKey) {
      await vscode.commands.executeCommand(this.setKeyCommand);
    } else if (choice === withoutKey) {
      await this.keys.markNoKeyNeeded(origin);
      this.reset();
    }
  }
}
