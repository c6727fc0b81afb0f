/**
 * Cuts the text at the first stop sequence it contains. The server normally does this, but
 * only 4 stops fit in a request and some servers ignore `stop` or return special tokens as
 * text; the context lists every stop the request meant to use.
 *
 * {@link cutAtShiftedStops} cuts again after reindentToBlock, at a stop the shift made: a line
 * the model wrote a column or two in, moved to where a stop names (`\ndef ` when a nested `def`
 * moves to column 0, where the stop meant "no new top-level definition").
 */
import type { PostprocessFilterFactory } from './postprocessContext';

function cutAt(text: string, stops: readonly string[]): string {
  let end = text.length;
  for (const stop of stops) {
    if (stop === '') continue;
    const at = text.indexOf(stop);
    if (at >= 0 && at < end) end = at;
  }
  return text.slice(0, end);
}

export const cutAtStops: PostprocessFilterFactory = (context) => (text) => cutAt(text, context.stops);

/**
 * The stops a change of indentation can bring about: a line break with text after it.
 * (Whitespace-only stops such as `\n\n` are left out: trimming re-creates them harmlessly.)
 */
export function shiftableStops(stops: readonly string[]): string[] {
  return stops.filter((stop) => stop.includes('\n') && stop.trim() !== '');
}

export const cutAtShiftedStops: PostprocessFilterFactory = (context) => {
  const stops = shiftableStops(context.stops);
  return (text) => (stops.length === 0 ? text : cutAt(text, stops));
};
