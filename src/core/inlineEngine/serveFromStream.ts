/**
 * Serving one call from a document's stream: wait (attached to the slot, so growth is not
 * reported to the editor meanwhile) until the stream can show something after the text the
 * call typed through, or never will.
 */
import type { DocumentSlot, StreamWait } from './documentSlot';
import type { EngineClock } from './engineClock';
import type { InlineContext } from './inlineEngineTypes';
import { CallPosition, keyOf } from './callPosition';
import type { LiveCompletion } from './liveCompletion';
import type { PauseForecast } from './pauseForecast';
import type { SectionTimer } from './sectionTimer';
import type { SuggestionCache } from './suggestionCache';

/** What a call got from a stream: texts, nothing (the stream cannot serve it), or cancelled. */
export type Served = { texts: string[] } | 'nothing' | 'cancelled';

/** What serving needs from the engine. */
export interface ServingParts {
  clock: EngineClock;
  timer: SectionTimer;
  forecast: PauseForecast;
  cache: SuggestionCache;
}

/** Waits (attached) until the stream can show something after `typed`, or never will. */
export async function serveFromStream(
  parts: ServingParts,
  slot: DocumentSlot,
  stream: LiveCompletion,
  typed: string,
  position: CallPosition,
  context: InlineContext,
  signal: AbortSignal,
  ids: { callId: number; requestId?: number },
): Promise<Served> {
  const { clock, timer, forecast, cache } = parts;
  slot.attach(stream);
  // Made when the call first has to wait: a call served at once (typing through) needs none.
  let wait: StreamWait | undefined;
  try {
    for (;;) {
      const started = timer.start();
      const view = stream.view(typed);
      // Explicit: every candidate that is coming (cycling needs them together); automatic: the first line.
      if (view.texts.length > 0 && (!view.pendingWithText || !context.explicit)) {
        if (!stream.hasServed && typed === '') forecast.firstLineAfter(clock.now() - stream.sentAt);
        const key = keyOf(position);
        const prefixEnd = position.parts.prefix.slice(-64);
        stream.noteServed(key, typed, view.texts, prefixEnd);
        // An ended stream cached its positions when it ended; later ones go straight in.
        if (!stream.streaming) cache.set(key, { texts: view.texts, requestId: stream.id, typedChars: typed.length }, prefixEnd);
        timer.end(started, 'call', ids);
        return { texts: view.texts };
      }
      if (!view.pending || context.refresh) {
        timer.end(started, 'call', ids);
        return 'nothing';
      }
      wait ??= slot.beginWait(signal);
      timer.end(started, 'call', ids);
      if (!(await stream.changed(wait.cancel))) return 'cancelled';
    }
  } finally {
    wait?.done();
    slot.detach(stream);
  }
}
