import * as vscode from 'vscode';
import { InlineCompletionEngine } from '../core/inlineEngine/inlineCompletionEngine';
import { isInlineEnabledFor } from '../core/settings/cometSettings';
import { SettingsSource } from './settingsSource';

/**
 * Ghost text: converts the editor's position and trigger into the engine's plain context,
 * links VS Code's cancellation to an AbortSignal (so a newer keystroke aborts the HTTP
 * request), and maps suggestions to inline completion items. Nothing else lives here.
 */
export class CometInlineCompletionProvider implements vscode.InlineCompletionItemProvider {
  constructor(
    private readonly engine: InlineCompletionEngine,
    private readonly settings: SettingsSource,
    private readonly isSnoozed: () => boolean = () => false,
  ) {}

  async provideInlineCompletionItems(
    document: vscode.TextDocument,
    position: vscode.Position,
    context: vscode.InlineCompletionContext,
    token: vscode.CancellationToken,
  ): Promise<vscode.InlineCompletionItem[] | undefined> {
    if (this.isSnoozed()) return undefined;
    const settings = this.settings.get();
    if (!isInlineEnabledFor(settings, document.languageId) || token.isCancellationRequested) return undefined;

    const offset = document.offsetAt(position);
    const prefixStart = document.positionAt(Math.max(0, offset - settings.inline.maxPrefixChars));
    const suffixEnd = document.positionAt(offset + settings.inline.maxSuffixChars);
    const controller = new AbortController();
    const subscription = token.onCancellationRequested(() => controller.abort());
    try {
      const suggestions = await this.engine.suggest(
        {
          languageId: document.languageId,
          prefix: document.getText(new vscode.Range(prefixStart, position)),
          suffix: document.getText(new vscode.Range(position, suffixEnd)),
          explicit: context.triggerKind === vscode.InlineCompletionTriggerKind.Invoke,
        },
        controller.signal,
      );
      if (token.isCancellationRequested || suggestions.length === 0) return undefined;
      const range = new vscode.Range(position, position);
      return suggestions.map((text) => new vscode.InlineCompletionItem(text, range));
    } catch {
      // The engine reports failures itself; ghost text never throws into the editor.
      return undefined;
    } finally {
      subscription.dispose();
      controller.abort();
    }
  }
}
