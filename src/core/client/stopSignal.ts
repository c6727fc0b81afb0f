/**
 * What the client needs of a caller's signal to stop a request — whether it was stopped, why,
 * and a way to hear of it once — and a light one-shot source of such a signal.
 *
 * A real `AbortSignal` is a {@link StopSignal} (Complete Selection and the connection test pass
 * one). Ghost text sends a request after most pauses and stops a good share of them (typed
 * past, or stopped early once a block ended), each on the extension host's only thread, where
 * Node's `AbortController` is costly for what it does here: its EventTarget machinery (an
 * `Event` per abort, listener records, option parsing) cost ~130 µs to make with a listener
 * and ~100 µs to abort when run cold, after a pause, against ~10 µs for a flag and a callback
 * (measured on the 2-vCPU build VM, 2026-12-03). {@link StopSource} is that flag and callback.
 */

/** A caller's "stop this request": a real `AbortSignal`, or a {@link StopSource}. */
export interface StopSignal {
  readonly aborted: boolean;
  /** Why it stopped (what `abort` was given); undefined before. */
  readonly reason: unknown;
  /** `listener` is told once, when it stops (never when it already had). */
  addEventListener(type: 'abort', listener: () => void, options?: { once?: boolean }): void;
  removeEventListener(type: 'abort', listener: () => void): void;
}

/** A {@link StopSignal} that is also its own controller: `abort(reason)` stops it, once. */
export class StopSource implements StopSignal {
  private stopped = false;
  private why: unknown = undefined;
  private listeners: Array<() => void> | undefined;

  get aborted(): boolean {
    return this.stopped;
  }

  get reason(): unknown {
    return this.why;
  }

  /** Every listener is told once (`once` changes nothing). */
  addEventListener(_type: 'abort', listener: () => void, _options?: { once?: boolean }): void {
    if (this.stopped) return;
    const listeners = (this.listeners ??= []);
    // As an EventTarget: the same listener twice is one listener.
    if (!listeners.includes(listener)) listeners.push(listener);
  }

  removeEventListener(_type: 'abort', listener: () => void): void {
    const at = this.listeners?.indexOf(listener) ?? -1;
    if (at >= 0) this.listeners!.splice(at, 1);
  }

  /** Stops it with `reason` and tells each listener once, in the order they came; later calls do nothing. */
  abort(reason: unknown): void {
    if (this.stopped) return;
    this.stopped = true;
    this.why = reason;
    const listeners = this.listeners;
    this.listeners = undefined;
    if (!listeners) return;
    for (const listener of listeners) {
      try {
        listener();
      } catch {
        // a listener's failure is its own: the others still hear, the caller goes on
      }
    }
  }
}
