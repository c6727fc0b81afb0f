import * as vscode from 'vscode';
import { closersReplaced } from '../core/inline/closerRange';
import { ENGINE_DEFAULTS } from '../core/inlineEngine/engineDefaults';
import { InlineCompletionEngine, InlineContext } from '../core/inlineEngine/inlineCompletionEngine';
import { isInlineEnabledFor } from '../core/settings/cometSettings';
import { prefixInNotebook } from './notebookContext';
import { SettingsSource } from './settingsSource';


/**
 * Why a call's signal aborted: VS Code cancels the previous call on every keystroke, and the
 * engine only asks whether it aborted, so one shared reason spares a DOMException (with its
 * stack trace) per keystroke.
 */
const CALL_CANCELLED = Object.freeze(new Error('The editor cancelled this inline completion call.'));
/** Where our suggestion was last handed to the editor. */
interface ShownAt {
  uri: string;
  version: number;
  position: vscode.Position;
  /** It answered an explicit trigger (VS Code then keeps it for any trigger at that version). */
  explicit: boolean;
}

/**
 * Ghost text: checks that it is wanted, converts the editor's document, position and trigger
 * into the engine's plain context, and maps the engine's texts to inline completion items.
 *
 * Two things only an editor can do also live here:
 *  - VS Code's cancellation token becomes the call's AbortSignal. It is cancelled on every
 *    keystroke, but it only ends this call: the engine owns the request and decides whether
 *    the next call reuses or aborts it.
 *  - When the engine says a showing suggestion grew (more lines streamed in), and the user has
 *    neither typed nor moved since, the provider re-triggers inline suggestions once
 *    (coalesced) and answers that call as a `refresh`, from the live stream, without a request.
 *    VS Code does not ask again at a position whose shown result answered an explicit trigger,
 *    so after one the provider hides it first (the ghost text blinks as it grows). Checked in
 *    VS Code 1.100: a shown result whose request was explicit "satisfies" every later request
 *    (explicit or automatic) at the same position and document version, so a plain trigger
 *    never reaches the provider; returning the same items with a longer text therefore needs
 *    a call that never comes. The two ways to push an update, `InlineCompletionItemProvider.onDidChange`
 *    and `InlineCompletionList.enableForwardStability`, are proposed API
 *    (`inlineCompletionsAdditions`), which a Marketplace extension cannot enable; and even a
 *    provider change event re-fetches only through the same "satisfied" check. Hiding first is
 *    the only stable way; suggestions asked for by typing (automatic) grow without the blink.
 *  - Escape (`cometComplete.dismissGhostText`, bound only while an inline suggestion shows and
 *    the suggest widget does not) hides the suggestion as VS Code's own binding does, and tells
 *    the engine: its stream is aborted at once, and neither a growth re-trigger nor the cache
 *    brings the suggestion back at that position.
 */
export class CometInlineCompletionProvider implements vscode.InlineCompletionItemProvider, vscode.Disposable {
  private lastShown: ShownAt | undefined;
  private refreshFor: ShownAt | undefined;
  private growthTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(
    private readonly engine: InlineCompletionEngine,
    private readonly settings: SettingsSource,
    private readonly isSnoozed: () => boolean = () => false,
    /** The document looks like a secret (cometComplete.excludeFiles): nothing is sent from it. */
    private readonly isExcluded: (document: vscode.TextDocument) => boolean = () => false,
    /** Workspace context ready for the cursor (contextSource.ts). */
    private readonly contextFor?: (document: vscode.TextDocument, prefix: string, position: vscode.Position) => InlineContext['workspace'],
  ) {
    this.subscriptions.push(
      engine.onDidGrow((documentId) => this.scheduleRefresh(documentId)),
      vscode.workspace.onDidCloseTextDocument((document) => engine.documentClosed(document.uri.toString())),
    );
  }

  async provideInlineCompletionItems(
    document: vscode.TextDocument,
    position: vscode.Position,
    context: vscode.InlineCompletionContext,
    token: vscode.CancellationToken,
  ): Promise<vscode.InlineCompletionItem[] | undefined> {
    const refresh = this.takeRefresh(document, position, context);
    let subscription: vscode.Disposable | undefined;
    try {
      if (this.isSnoozed() || this.isExcluded(document)) return undefined;
      const settings = this.settings.getFor(document.uri.toString(), document.languageId);
      if (!isInlineEnabledFor(settings, document.languageId) || token.isCancellationRequested) return undefined;

      const window = this.engine.windowChars(settings);
      const offset = document.offsetAt(position);
      // The IntelliSense item selected in the open suggest widget: the ghost text continues it
      // (selectedItem.ts). Only an item whose range ends at the cursor can be continued; VS Code
      // shows nothing else while the list is open, so no request is spent on it.
      const selected = context.selectedCompletionInfo;
      if (selected && (selected.range.start.isAfter(position) || !selected.range.end.isEqual(position))) return undefined;
      // In a notebook cell, the code cells above it come first (notebookContext.ts).
      const prefix = prefixInNotebook(
        document,
        document.getText(new vscode.Range(document.positionAt(Math.max(0, offset - window.before)), position)),
        window.before,
      );
      const engineContext: InlineContext = {
        documentId: document.uri.toString(),
        languageId: document.languageId,
        prefix,
        suffix: document.getText(new vscode.Range(position, document.positionAt(offset + window.after))),
        eol: document.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n',
        explicit: context.triggerKind === vscode.InlineCompletionTriggerKind.Invoke && !refresh,
        refresh,
        selectedItem: selected ? { rangeText: document.getText(selected.range), text: selected.text } : undefined,
        indent: indentOf(document),
        workspace: this.contextFor?.(document, prefix, position),
      };
      const version = document.version;
      const controller = new AbortController();
      subscription = token.onCancellationRequested(() => controller.abort(CALL_CANCELLED));
      const result = await this.engine.suggest(engineContext, controller.signal);
      if (token.isCancellationRequested || document.version !== version || result.items.length === 0) return undefined;

      this.lastShown = {
        uri: engineContext.documentId,
        version,
        position,
        explicit: context.triggerKind === vscode.InlineCompletionTriggerKind.Invoke,
      };
      // VS Code shows an item during IntelliSense only when it replaces the selected item's range.
      // A suggestion that closes what the editor auto-closed right of the cursor replaces those
      // closers rather than doubling them (closerRange.ts).
      const start = selected ? selected.range.start : position;
      const lineSuffix = document.lineAt(position.line).text.slice(position.character);
      return result.items.map(
        (text) => new vscode.InlineCompletionItem(text, new vscode.Range(start, position.translate(0, closersReplaced(text, lineSuffix)))),
      );
    } catch {
      // The engine reports failures itself; ghost text never throws into the editor.
      return undefined;
    } finally {
      subscription?.dispose();
    }
  }

  /**
   * Escape on a showing suggestion: hides it and stops its stream. Our stream in the active
   * document is stopped whichever provider's suggestion showed (after Escape nothing of ours
   * should show there); no growth re-trigger follows.
   */
  async dismiss(): Promise<void> {
    const documentId = vscode.window.activeTextEditor?.document.uri.toString();
    if (documentId !== undefined) {
      if (this.lastShown?.uri === documentId) this.lastShown = undefined;
      this.engine.dismissed(documentId);
    }
    await vscode.commands.executeCommand('editor.action.inlineSuggest.hide');
  }

  dispose(): void {
    if (this.growthTimer !== undefined) clearTimeout(this.growthTimer);
    this.growthTimer = undefined;
    for (const subscription of this.subscriptions) subscription.dispose();
  }

  /** Re-triggers once, shortly, if the grown suggestion is still where we showed it. */
  private scheduleRefresh(documentId: string): void {
    if (this.lastShown?.uri !== documentId || this.growthTimer !== undefined) return;
    this.growthTimer = setTimeout(() => {
      this.growthTimer = undefined;
      const shown = this.lastShown;
      const editor = vscode.window.activeTextEditor;
      if (!shown || !editor || editor.document.uri.toString() !== shown.uri) return;
      const selection = editor.selection;
      if (editor.document.version !== shown.version || !selection.isEmpty || !selection.active.isEqual(shown.position)) return;
      this.refreshFor = shown;
      void (async () => {
        if (shown.explicit) await vscode.commands.executeCommand('editor.action.inlineSuggest.hide');
        await vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
      })().then(
        () => this.forgetRefresh(shown),
        () => this.forgetRefresh(shown),
      );
    }, ENGINE_DEFAULTS.growthRetriggerMs);
  }

  /** Whether this call is the re-trigger we asked for (same document version and cursor). */
  private takeRefresh(document: vscode.TextDocument, position: vscode.Position, context: vscode.InlineCompletionContext): boolean {
    const pending = this.refreshFor;
    if (!pending || context.triggerKind !== vscode.InlineCompletionTriggerKind.Invoke) return false;
    this.refreshFor = undefined;
    return pending.uri === document.uri.toString() && pending.version === document.version && pending.position.isEqual(position);
  }

  private forgetRefresh(shown: ShownAt): void {
    if (this.refreshFor === shown) this.refreshFor = undefined;
  }
}

/** The indentation of the editor showing `document` (4 spaces when none shows it). */
function indentOf(document: vscode.TextDocument): InlineContext['indent'] {
  const options = vscode.window.visibleTextEditors.find((editor) => editor.document === document)?.options;
  return {
    insertSpaces: typeof options?.insertSpaces === 'boolean' ? options.insertSpaces : true,
    tabSize: typeof options?.tabSize === 'number' ? options.tabSize : 4,
  };
}
