/**
 * A stop sequence that ends a multi-line suggestion at the server as soon as the block the
 * cursor is in is over. The engine stops such a stream itself once the block's closing line has
 * arrived (streamStop.ts), but its stop reaches the server half a round trip later, and over a
 * network the server keeps generating until then: tokens billed and never shown (at 60 tokens/s
 * and 150 ms round trip, about 5 per stream). A stop sequence ends generation at the server with
 * no round trip.
 *
 * What can be said with a literal stop: in brace code the line after the block's closer is very
 * often the enclosing block's own closer, `\n` + its indentation + `}`. That text can only come
 * after the cursor's block is over, so stopping there never cuts what the suggestion shows: the
 * block scope rule (postprocess/limitToBlockScope.ts) ends the suggestion at the earlier closer
 * anyway. So: the cursor's block must be opened by a line ending with `{` (the nearest line
 * above with less indentation than the cursor's line), and so must the block around it (the
 * nearest line above that one with less indentation still); the stop is `\n` + that outer
 * line's indentation + `}`. Otherwise (top level, Python, a continuation line) there is none.
 * Pure.
 */

/** Lines above the cursor looked at, at most. */
const MAX_LINES = 200;

export function blockExitStop(prefix: string): string | undefined {
  let end = prefix.length;
  let start = prefix.lastIndexOf('\n', end - 1) + 1;
  let wanted = indentationWidth(prefix, start, end);
  const openers: string[] = [];
  for (let seen = 0; start > 0 && seen < MAX_LINES && openers.length < 2; seen++) {
    end = start - 1;
    start = prefix.lastIndexOf('\n', end - 1) + 1;
    const width = indentationWidth(prefix, start, end);
    if (width === end - start || width >= wanted) continue; // blank, or inside the same block
    const line = prefix.slice(start, end).trimEnd();
    if (!line.endsWith('{')) return undefined;
    openers.push(line.slice(0, width));
    wanted = width;
  }
  return openers.length === 2 ? `\n${openers[1]}}` : undefined;
}

/** Characters of leading spaces and tabs of the line `text[start, end)`. */
function indentationWidth(text: string, start: number, end: number): number {
  let i = start;
  while (i < end && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i++;
  return i - start;
}
