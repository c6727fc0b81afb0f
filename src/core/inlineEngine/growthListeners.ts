/** Who wants to hear that a suggestion already shown in a document has more to show. */

export interface Disposable {
  dispose(): void;
}

export class GrowthListeners {
  private readonly listeners = new Set<(documentId: string) => void>();

  get size(): number {
    return this.listeners.size;
  }

  add(listener: (documentId: string) => void): Disposable {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /** Calls every listener; a listener's failure is its own. */
  notify(documentId: string): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(documentId);
      } catch {
        // a listener's failure is its own
      }
    }
  }

  clear(): void {
    this.listeners.clear();
  }
}
