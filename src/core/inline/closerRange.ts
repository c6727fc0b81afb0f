/**
 * How much of the text right of the cursor a ghost-text suggestion replaces, so that brackets
 * and quotes the editor closed by itself are never doubled.
 *
 * With VS Code's default `editor.autoClosingBrackets`/`autoClosingQuotes`, typing
 * `console.log(` leaves `console.log(|)`. A model that sees no suffix writes the call to its
 * end, `"hi");`; inserted at the cursor that gives `console.log("hi");)`. When the closers
 * right of the cursor are exactly the ones the suggestion's first line closes without opening
 * them (same order), the suggestion replaces them instead: the editor then shows `"hi"` and `;`
 * as ghost text around the existing `)`, and accepting gives `console.log("hi");`.
 *
 * Post-processing (postprocess/removeSuffixDuplication.ts) already drops a suggestion's ending
 * that repeats the closers (`"hi")` → `"hi"`); this covers what it cannot cut because more
 * follows the closers (`;`, a comment, a condition going on: `if (items.count(|))` and
 * `) > 0) {`). A suggestion that closes only the first of the closers (`if (count(|))` and
 * `a) > 0`) replaces those and leaves the others after it. Pure.
 */
import { isClosersOnly } from './completionMode';

const OPENER_OF: Readonly<Record<string, string>> = { ')': '(', ']': '[', '}': '{' };
const QUOTES = new Set(['"', "'", '`']);

/**
 * The brackets and quotes `line` closes that it did not open, in order; undefined when `line`
 * closes a bracket with the wrong one, ends inside a string, or leaves a bracket of its own open
 * other than by ending with it (`) > 0) {` opens a block for the next lines: fine; `a) + (b` is
 * unfinished). `inQuote`: the line starts inside a string with that quote.
 */
function closedWithoutOpening(line: string, inQuote: string | undefined): string | undefined {
  const closed: string[] = [];
  const stack: string[] = [];
  let quote = inQuote;
  /** Still inside the string the line started in. */
  let inherited = inQuote !== undefined;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quote !== undefined) {
      if (ch === '\\') i++;
      else if (ch === quote) {
        if (inherited) closed.push(ch); // the string the cursor was in ends here
        inherited = false;
        quote = undefined;
      }
      continue;
    }
    if (QUOTES.has(ch)) quote = ch;
    else if (ch === '(' || ch === '[' || ch === '{') stack.push(ch);
    else if (ch in OPENER_OF) {
      if (stack.length === 0) closed.push(ch);
      else if (stack[stack.length - 1] === OPENER_OF[ch]) stack.pop();
      else return undefined;
    }
  }
  const endsWithOpener = /[([{]\s*$/.test(line);
  return quote === undefined && (stack.length === 0 || endsWithOpener) ? closed.join('') : undefined;
}

/** Whether `small` is a subsequence of `big` (each character found, in order). */
function isSubsequence(small: string, big: string): boolean {
  let j = 0;
  for (let i = 0; i < big.length && j < small.length; i++) if (big[i] === small[j]) j++;
  return j === small.length;
}

/**
 * Characters after the cursor (on its line) that `suggestion` replaces: the closers there that
 * the suggestion's first line closes, in order from the first, when it contains them in order
 * (the closers after them stay); else 0. A multi-line suggestion replaces all of them or none.
 * `lineSuffix`: the cursor line's text after the cursor (without the line break).
 */
export function closersReplaced(suggestion: string, lineSuffix: string): number {
  const closers = lineSuffix.trimEnd();
  if (closers === '' || closers !== closers.trimStart() || !isClosersOnly(closers)) return 0;
  const lineBreak = suggestion.indexOf('\n');
  const firstLine = lineBreak < 0 ? suggestion : suggestion.slice(0, lineBreak);
  const isCloser = (ch: string): boolean => ch in OPENER_OF || QUOTES.has(ch);
  const wanted = [...closers].filter(isCloser).join('');
  if (wanted === '') return 0;
  const inQuote = QUOTES.has(wanted[0]) ? wanted[0] : undefined;
  const closed = closedWithoutOpening(firstLine, inQuote);
  if (closed === undefined) return 0;
  let count = 0;
  while (count < wanted.length && closed[count] === wanted[count]) count++;
  if (count === 0) return 0;
  if (count === wanted.length && isSubsequence(closers, firstLine)) {
    // A multi-line suggestion must replace up to the end of the line (VS Code's rule for ranges).
    return lineBreak < 0 ? closers.length : lineSuffix.length;
  }
  if (lineBreak >= 0) return 0;
  // Only the first closers: their text through the count-th closer (with any `;` `,` between).
  let end = 0;
  for (let seen = 0; seen < count; end++) if (isCloser(closers[end])) seen++;
  return isSubsequence(closers.slice(0, end), firstLine) ? end : 0;
}
