import * as vscode from 'vscode';

/**
 * Streams text into an editor at a fixed starting position, coalescing deltas that arrive
 * while an edit is in progress into one edit, and keeping all of it in one undo step.
 */
export class EditorStreamInserter {
  private pending = '';
  private insertedLength = 0;
  private running: Promise<void> | undefined;
  private first = true;

  constructor(
    private readonly editor: vscode.TextEditor,
    private readonly startOffset: number,
  ) {}

  push(text: string): void {
    if (!text) return;
    this.pending += text;
    this.running ??= this.drain();
  }

  /** Resolves when everything pushed so far is in the document. */
  async flush(): Promise<void> {
    while (this.running) await this.running;
  }

  private async drain(): Promise<void> {
    try {
      while (this.pending) {
        const text = this.pending;
        this.pending = '';
        const at = this.editor.document.positionAt(this.startOffset + this.insertedLength);
        const ok = await this.editor.edit((edit) => edit.insert(at, text), {
          undoStopBefore: this.first,
          undoStopAfter: false,
        });
        this.first = false;
        if (!ok) break;
        this.insertedLength += text.length;
      }
    } finally {
      this.running = undefined;
    }
  }
}
