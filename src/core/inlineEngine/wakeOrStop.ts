/**
 * A call waiting on its document's stream (liveCompletion.ts) waits for whichever comes first:
 * the stream's next line or end, or the end of the wait (the caller gave up, or a newer call
 * superseded it: documentSlot.ts). The wait's end is a {@link StopSource} (client/stopSignal.ts),
 * the light one-shot signal requests are stopped with: a call that waits for its request's
 * first line makes one per request, where an AbortController's EventTarget costs tens of
 * microseconds cold (marks placed by hand in the benchmark).
 */
import type { StopSignal } from '../client/stopSignal';

/**
 * Resolves true when the waker it adds to `wakers` is called (whoever holds the set calls and
 * clears them), false when `stop` comes first (the waker then leaves the set).
 */
export function wakeOrStop(stop: StopSignal, wakers: Set<() => void>): Promise<boolean> {
  if (stop.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const waker = (): void => {
      stop.removeEventListener('abort', onStop);
      resolve(true);
    };
    const onStop = (): void => {
      wakers.delete(waker);
      resolve(false);
    };
    wakers.add(waker);
    stop.addEventListener('abort', onStop);
  });
}
