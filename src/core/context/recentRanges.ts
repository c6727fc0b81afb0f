/**
 * A bounded ring of the ranges the user recently edited or looked at in other files (as
 * llama.vscode's chunk ring and Continue's recently edited ranges): the newest first, one
 * entry per overlapping range of a file, the oldest dropped when full.
 *
 * Entries hold line numbers only; their text is read when a prompt is built, so the ring
 * never holds a stale copy of a file.
 */
export type RecentRangeKind = 'edit' | 'view';

export interface RecentRange {
  kind: RecentRangeKind;
  /** Document id (URI string). */
  documentId: string;
  /** 0-based, inclusive. */
  startLine: number;
  /** 0-based, inclusive. */
  endLine: number;
}

export class RecentRangeRing {
  private entries: RecentRange[] = [];
  /** Bumped on every change: part of the context signature. */
  private changes = 0;

  constructor(
    private readonly capacity = 16,
    /** Ranges closer than this many lines merge. */
    private readonly mergeGap = 3,
  ) {}

  get revision(): number {
    return this.changes;
  }

  /** Records a range as the newest; merges it with an entry of the same kind and file it touches. */
  add(range: RecentRange): void {
    const start = Math.max(0, Math.floor(Math.min(range.startLine, range.endLine)));
    const end = Math.max(start, Math.floor(Math.max(range.startLine, range.endLine)));
    let merged: RecentRange = { kind: range.kind, documentId: range.documentId, startLine: start, endLine: end };
    const kept: RecentRange[] = [];
    for (const entry of this.entries) {
      const touches =
        entry.kind === merged.kind &&
        entry.documentId === merged.documentId &&
        entry.startLine <= merged.endLine + this.mergeGap &&
        merged.startLine <= entry.endLine + this.mergeGap;
      if (touches) {
        merged = {
          ...merged,
          startLine: Math.min(entry.startLine, merged.startLine),
          endLine: Math.max(entry.endLine, merged.endLine),
        };
      } else kept.push(entry);
    }
    const newest = this.entries[0];
    const unchanged =
      newest !== undefined &&
      newest.kind === merged.kind &&
      newest.documentId === merged.documentId &&
      newest.startLine === merged.startLine &&
      newest.endLine === merged.endLine &&
      kept.length === this.entries.length - 1;
    this.entries = [merged, ...kept].slice(0, Math.max(1, this.capacity));
    if (!unchanged) this.changes++;
  }

  /** Forgets every range of a document (closed, deleted, or no longer allowed). */
  forget(documentId: string): void {
    const before = this.entries.length;
    this.entries = this.entries.filter((entry) => entry.documentId !== documentId);
    if (this.entries.length !== before) this.changes++;
  }

  /** Newest first. */
  list(kind?: RecentRangeKind): RecentRange[] {
    return kind === undefined ? [...this.entries] : this.entries.filter((entry) => entry.kind === kind);
  }
}
