/**
 * A call's cursor position for the cache, and per document the position where the user
 * dismissed a suggestion (Escape): that position serves nothing until a call comes for another
 * position or the user asks explicitly.
 */
import { CacheKeyParts, completionCacheKey } from '../inline/completionCacheKey';

/**
 * A call's cursor position for the cache. Its key (over a thousand characters) is built only
 * when something needs it: most keystrokes are superseded while they wait, and never do.
 */
export interface CallPosition {
  parts: CacheKeyParts;
  key: string | undefined;
}

export function keyOf(position: CallPosition): string {
  return (position.key ??= completionCacheKey(position.parts));
}

/** Per document: its latest call's position, and the key of the position where the user dismissed a suggestion. */
export class DismissedPositions {
  private readonly positions = new Map<string, { latest: CallPosition; dismissedKey: string | undefined }>();

  /** The user dismissed what showed at the document's latest position. */
  dismiss(documentId: string): void {
    const record = this.positions.get(documentId);
    if (record) record.dismissedKey = keyOf(record.latest);
  }

  /**
   * Remembers `position` as the document's latest; whether the user dismissed what showed there.
   * The key is only built while a dismissal stands (usually it does not).
   */
  dismissedHere(documentId: string, explicit: boolean, position: CallPosition): boolean {
    const record = this.positions.get(documentId);
    if (!record) {
      this.positions.set(documentId, { latest: position, dismissedKey: undefined });
      return false;
    }
    if (record.dismissedKey !== undefined) {
      if (!explicit && keyOf(position) === record.dismissedKey) return true;
      record.dismissedKey = undefined;
    }
    record.latest = position;
    return false;
  }

  forget(documentId: string): void {
    this.positions.delete(documentId);
  }

  clear(): void {
    this.positions.clear();
  }
}
