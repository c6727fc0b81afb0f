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

/**
 * Looks for stops in a text given piece by piece (the streaming view's raw text, or its
 * re-indented lines), keeping only as much of what came before as a stop could have begun in
 * (the longest stop's length minus one): each piece costs work in proportion to the piece.
 */
export class StopWindow {
  private tail = '';
  private readonly keep: number;

  constructor(private readonly stops: readonly string[]) {
    let longest = 0;
    for (const stop of stops) longest = Math.max(longest, stop.length);
    this.keep = Math.max(0, longest - 1);
  }

  /** Whether there is any stop to look for. */
  get watching(): boolean {
    return this.stops.length > 0;
  }

  /** Whether a stop now appears: in `piece`, or begun in the pieces before it. */
  reaches(piece: string): boolean {
    const window = this.tail + piece;
    // A loop, not `some` with a closure: this runs for every streamed line.
    for (let i = 0; i < this.stops.length; i++) if (window.includes(this.stops[i])) return true;
    this.tail = this.keep > 0 ? window.slice(-this.keep) : '';
    return false;
  }
}
