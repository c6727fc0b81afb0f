/**
 * Where in the code the user's latest key left the cursor, as far as pauses go. People pause
 * at boundaries far more than inside them (pauses grow with the boundary: word < sentence <
 * paragraph, e.g. Medimorec & Risko 2017, Conijn et al. 2019); in code the boundary that
 * matters is the line. A cursor at the start of a line's code — after Enter and the
 * indentation, or back at an empty line — is where the user most often stops to think about
 * the next statement, and where a suggestion is most welcome. The pause forecast keeps the
 * gaps after such keys apart from the others (pauseForecast.ts). Pure.
 *
 *   lineStart: only spaces or tabs between the last line break and the cursor;
 *   inLine:    anything else (including the very start of the document: nothing typed yet).
 */
export type TypingPoint = 'lineStart' | 'inLine';

/** The typing point at the end of `prefix` (the text before the cursor). */
export function typingPointOf(prefix: string): TypingPoint {
  for (let i = prefix.length - 1; i >= 0; i--) {
    const code = prefix.charCodeAt(i);
    if (code === 10 /* \n */) return 'lineStart';
    if (code !== 32 && code !== 9 && code !== 13) return 'inLine';
  }
  return 'inLine';
}
