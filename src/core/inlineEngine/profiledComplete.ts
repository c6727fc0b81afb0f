/**
 * `deps.complete`, timed when profiling: the engine's handling of each piece, and apart from
 * it the time inside the HTTP client (sending; closing the connection on abort).
 */
import type { CompleteFn } from './inlineEngineTypes';
import type { SectionTimer } from './sectionTimer';

export function profiledComplete(timer: SectionTimer, complete: CompleteFn, requestId: number): CompleteFn {
  if (!timer.enabled) return complete;
  // The wrapping below exists only when profiling, so it is timed with the client's own work.
  return (body, signal, onDelta, lines) =>
    timer.transport(() => {
      const transport = new AbortController();
      // Passes the stream's own reason on: no second DOMException (with its stack trace) per abort.
      signal.addEventListener('abort', () => timer.transport(() => transport.abort(signal.reason), { requestId }), { once: true });
      return complete(
        body,
        transport.signal,
        (delta) => {
          const started = timer.start();
          onDelta(delta);
          timer.end(started, 'delta', { requestId });
        },
        lines,
      );
    }, { requestId });
}
