import * as vscode from 'vscode';
import { moveAnchor } from '../core/selection/insertionAnchor';

/** Tries of one insertion that the editor refused because the document changed in between. */
const MAX_REFUSED_EDITS = 50;

/**
 * Streams text into an editor's document at an anchor that follows the user's edits (text typed
 * or deleted above it moves it; see insertionAnchor.ts), coalescing deltas that arrive while an
 * edit is in progress into one edit. Without edits by the user in between, all of it is one undo
 * step. An edit the editor refuses (the document changed between our reading the anchor and the
 * edit) is tried again at the moved anchor.
 */
export class EditorStreamInserter implements vscode.Disposable {
  private pending = '';
  private anchor: number;
  private running: Promise<void> | undefined;
  private first = true;
  private stopped = false;
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly editor: vscode.TextEditor,
    startOffset: number,
  ) {
    this.anchor = startOffset;
    const document = editor.document;
    this.subscription = vscode.workspace.onDidChangeTextDocument((event) => {
      if (event.document !== document || event.contentChanges.length === 0) return;
      this.anchor = moveAnchor(
        this.anchor,
        event.contentChanges.map((c) => ({ rangeOffset: c.rangeOffset, rangeLength: c.rangeLength, textLength: c.text.length })),
      );
    });
  }

  /** Where the next text goes (an offset in the current document). */
  get offset(): number {
    return this.anchor;
  }

  push(text: string): void {
    if (!text || this.stopped) return;
    this.pending += text;
    this.running ??= this.drain();
  }

  /** Resolves when everything pushed so far is in the document (or could not be inserted). */
  async flush(): Promise<void> {
    while (this.running) await this.running;
  }

  dispose(): void {
    this.subscription.dispose();
  }

  private async drain(): Promise<void> {
    try {
      let refused = 0;
      while (this.pending && !this.stopped) {
        const text = this.pending;
        const document = this.editor.document;
        if (document.isClosed) {
          this.stopped = true;
          break;
        }
        const at = document.positionAt(this.anchor);
        let ok: boolean;
        try {
          ok = await this.editor.edit((edit) => edit.insert(at, text), { undoStopBefore: this.first, undoStopAfter: false });
        } catch {
          // The editor was closed or hidden: insert into the document without it.
          const edit = new vscode.WorkspaceEdit();
          edit.insert(document.uri, at, text);
          ok = await vscode.workspace.applyEdit(edit);
        }
        if (ok) {
          // The anchor has moved past the text with the change event (which arrives before the edit resolves).
          this.pending = this.pending.slice(text.length);
          this.first = false;
          refused = 0;
        } else if (++refused >= MAX_REFUSED_EDITS) {
          this.stopped = true;
        } else {
          await new Promise((resolve) => setTimeout(resolve, 10));
        }
      }
    } finally {
      this.running = undefined;
    }
  }
}
