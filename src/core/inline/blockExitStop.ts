/**
 * A stop sequence that ends a multi-line suggestion at the server once the block the cursor is
 * in is over, and what to make of a stream that ended on it. Pure.
 *
 * Why: the engine stops a stream itself once the block's closing line has arrived
 * (StreamingPostprocessor's `blockEnd`), but its stop reaches the server half a round trip
 * later, and until then the server goes on generating: tokens billed and never shown (at 60
 * tokens/s and a 150 ms round trip, 7–9 per stream). A stop sequence ends generation at the
 * server with no round trip.
 *
 * What: in brace code the line after the cursor's block's closer is very often the enclosing
 * block's own closer. So when the cursor's block is opened by a line ending in `{` (the nearest
 * line above with less indentation than the cursor's line) and so is the block around it (the
 * nearest line above that one with less indentation still), the stop is that whole closer
 * line: `\n` + the outer opener's indentation + `}\n`. Otherwise (top level, Python, a
 * continuation line) there is none.
 *
 * The catch, and why the stop is a whole line: a suggestion written one level too shallow
 * (post-processing re-indents it) has its *own* closing line exactly there, so the server
 * stops before it and that line would be lost. Servers remove the stop text, and most do not
 * say which stop ended the stream. But the stop is a complete line, so the text can be given
 * back exactly: when a choice ends with `finish_reason: "stop"` before the engine saw the
 * block end, with a block it opened still open, the stop must have fired, and the closer line
 * is appended ({@link mayHaveStoppedAtBlockExit}); post-processing then judges it like any
 * other line. Where the server names the stop that fired (vLLM's `stop_reason`), the line is
 * appended exactly when it was this one.
 */

/** Lines above the cursor looked at, at most. */
const MAX_LINES = 200;

/** The enclosing block's closing line as a stop (see the file comment), or undefined. */
export function blockExitStop(prefix: string): string | undefined {
  let end = prefix.length;
  let start = prefix.lastIndexOf('\n', end - 1) + 1;
  let wanted = indentationWidth(prefix, start, end);
  let cursorBlockOpened = false;
  for (let seen = 0; start > 0 && seen < MAX_LINES; seen++) {
    end = start - 1;
    start = prefix.lastIndexOf('\n', end - 1) + 1;
    const width = indentationWidth(prefix, start, end);
    if (width === end - start || width >= wanted) continue; // blank, or inside the same block
    if (prefix.charCodeAt(trimmedEnd(prefix, start, end) - 1) !== 123 /* { */) return undefined;
    if (cursorBlockOpened) return `\n${prefix.slice(start, start + width)}}\n`;
    cursorBlockOpened = true;
    wanted = width;
  }
  return undefined;
}

/**
 * Whether a choice may have been stopped by the block-exit stop `sent`, so that its text lacks
 * that line. `text`: what the choice received; `stopReason`: the stop the server says fired
 * (vLLM; null for an end-of-text token), undefined when the server does not say.
 *
 * Without the server's word, an answer that ended on its own (most fill-in-the-middle answers
 * end at an end-of-text token inside the block) has to be told apart from one the stop cut:
 * the line is given back when the answer left a block it opened itself open (the stop's `}`
 * closed it). An answer written a level too shallow whose stopped line closed the cursor's
 * own block is not told apart from one that ended on its own (its lines are balanced, and
 * answers written too shallow often end on their own: re-indented, the closer would stay as a
 * stray line); it loses that closer, which the editor's auto-closed `}` after the cursor
 * usually holds anyway.
 */
export function mayHaveStoppedAtBlockExit(
  sent: string | undefined,
  text: string,
  finishReason: string | null,
  stopReason: string | number | null | undefined,
): boolean {
  if (sent === undefined || finishReason !== 'stop') return false;
  if (stopReason !== undefined) return stopReason === sent;
  return bracesLeftOpen(text) > 0;
}

/** `{` minus `}` in `text` (a count: braces in strings and comments count too). */
function bracesLeftOpen(text: string): number {
  let open = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 123) open++;
    else if (ch === 125) open--;
  }
  return open;
}

/** Characters of leading spaces and tabs of the line `text[start, end)`. */
function indentationWidth(text: string, start: number, end: number): number {
  let i = start;
  while (i < end && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i++;
  return i - start;
}

/** End of the line `text[start, end)` without trailing whitespace. */
function trimmedEnd(text: string, start: number, end: number): number {
  let i = end;
  while (i > start && /\s/.test(text[i - 1])) i--;
  return i;
}
