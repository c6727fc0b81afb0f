/**
 * The end of a call's wait on a stream before the stream changed: the caller gave up, or a
 * newer call for the document superseded it (documentSlot.ts). One flag and one listener, not
 * an AbortController: a call that waits for its request's first line makes one per request,
 * and on that path — run once per request, after a pause, with the CPU's caches cold — each
 * EventTarget operation (making the controller, adding and removing a listener) cost tens of
 * microseconds in the benchmark (marks placed by hand), plain fields a fraction of one.
 */
export class WaitCancel {
  private cancelled = false;
  private listener: (() => void) | undefined;

  get isCancelled(): boolean {
    return this.cancelled;
  }

  /** Ends the wait; the listener (if any) hears of it once. Later calls do nothing. */
  cancel(): void {
    if (this.cancelled) return;
    this.cancelled = true;
    const listener = this.listener;
    this.listener = undefined;
    listener?.();
  }

  /**
   * Resolves true when the waker it adds to `wakers` is called (whoever holds the set calls and
   * clears them), false when the wait is cancelled first (the waker then leaves the set).
   */
  race(wakers: Set<() => void>): Promise<boolean> {
    if (this.cancelled) return Promise.resolve(false);
    return new Promise((resolve) => {
      const waker = (): void => {
        this.unlisten(onCancel);
        resolve(true);
      };
      const onCancel = (): void => {
        wakers.delete(waker);
        resolve(false);
      };
      wakers.add(waker);
      this.listen(onCancel);
    });
  }

  /** `listener` hears of the cancellation (one at a time: it replaces any earlier one). */
  listen(listener: () => void): void {
    this.listener = listener;
  }

  /** Stops `listener` from hearing of it (if it is still the one listening). */
  unlisten(listener: () => void): void {
    if (this.listener === listener) this.listener = undefined;
  }
}
