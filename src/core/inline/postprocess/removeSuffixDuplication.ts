/**
 * Removes the part of a suggestion that repeats what already follows the cursor:
 *
 *  1. Next lines: when the suggestion's lines, from some line on, are exactly the next
 *     non-blank lines of the suffix (compared with their indentation, tabs expanded, trailing
 *     whitespace ignored; blank lines skipped on both sides), cut from that line. The earliest
 *     such line wins. A suggestion on a blank line that only repeats the next line becomes ''.
 *  2. Rest of the line: when the suggestion ends with text the cursor's line already has
 *     after the cursor, that ending goes:
 *       - rest of line with real code (`foo();`): only a full repeat of it is removed;
 *       - rest of line of closers only (`);`, `"]`): any leading part of it may be removed,
 *         but only when what remains has no bracket left open and an even number of each
 *         quote removed — so in `console.log(|);` the suggestion `greet(name));` becomes
 *         `greet(name)`, while `greet(name)` is left alone.
 */
import { isClosersOnly } from '../completionMode';
import {
  columnAfter,
  isBlank,
  leadingWhitespace,
  linePrefixOf,
  lineSuffixOf,
  PostprocessContext,
  PostprocessFilterFactory,
} from './postprocessContext';

const OPENERS: Readonly<Record<string, string>> = { ')': '(', ']': '[', '}': '{' };
const QUOTES = ['"', "'", '`'];

function normalizeLine(line: string, tabSize: number, startColumn = 0): string {
  const whitespace = leadingWhitespace(line);
  return ' '.repeat(columnAfter(whitespace, tabSize, startColumn)) + line.slice(whitespace.length).trimEnd();
}

/** Brackets opened in `text` and not closed in it. */
function unclosedBrackets(text: string): number {
  const stack: string[] = [];
  for (const ch of text) {
    if (ch === '(' || ch === '[' || ch === '{') stack.push(ch);
    else if (ch in OPENERS && stack.length > 0 && stack[stack.length - 1] === OPENERS[ch]) stack.pop();
  }
  return stack.length;
}

function count(text: string, ch: string): number {
  let n = 0;
  for (const c of text) if (c === ch) n++;
  return n;
}

/** What the next-lines check compares with, worked out once per request. */
interface SuffixLines {
  /** The suffix's next non-blank lines, normalised. */
  nextLines: string[];
  /** Line 0 is a whole line (cursor in indentation with nothing after it). */
  firstIsWholeLine: boolean;
}

function suffixLinesOf(suffix: string, linePrefix: string, tabSize: number): SuffixLines {
  const suffixLines = suffix.split('\n');
  const nextLines = suffixLines
    .slice(1)
    .filter((line) => !isBlank(line))
    .map((line) => normalizeLine(line, tabSize));
  // Line 0 continues the cursor's line: it is a whole line only when the cursor sits in
  // indentation with nothing after it.
  return { nextLines, firstIsWholeLine: isBlank(linePrefix) && isBlank(suffixLines[0]) };
}

/** Cut point (line index) where the suggestion starts repeating the suffix's next lines, or -1. */
function duplicatedLinesStart(lines: string[], suffix: SuffixLines, linePrefix: string, tabSize: number): number {
  const { nextLines, firstIsWholeLine } = suffix;
  if (nextLines.length === 0) return -1;
  const whole = lines.map((line, index) =>
    index === 0 ? (firstIsWholeLine ? normalizeLine(linePrefix + line, tabSize) : null) : normalizeLine(line, tabSize),
  );
  for (let start = firstIsWholeLine ? 0 : 1; start < lines.length; start++) {
    if (whole[start] !== nextLines[0]) continue;
    const rest = whole.slice(start).filter((line): line is string => line !== null && line.trim() !== '');
    if (rest.length <= nextLines.length && rest.every((line, i) => line === nextLines[i])) return start;
  }
  return -1;
}

function removeDuplicatedRestOfLine(text: string, restOfLine: string): string {
  const rest = restOfLine.trim();
  if (rest === '') return text;
  const trimmed = text.trimEnd();
  const closersOnly = isClosersOnly(rest);
  const shortest = closersOnly ? 1 : rest.length;
  for (let length = Math.min(rest.length, trimmed.length); length >= shortest; length--) {
    const tail = rest.slice(0, length);
    if (!trimmed.endsWith(tail)) continue;
    const body = trimmed.slice(0, trimmed.length - length);
    if (unclosedBrackets(body) > 0) continue;
    if (QUOTES.some((quote) => tail.includes(quote) && count(body, quote) % 2 !== 0)) continue;
    return body;
  }
  return text;
}

/** Whether this filter can change anything for this request: only when something but whitespace follows the cursor. */
export function suffixCanDuplicate(context: PostprocessContext): boolean {
  // What /\S/ finds, without a regular expression (once per request, cold).
  return context.suffix.trim() !== '';
}

export const removeSuffixDuplication: PostprocessFilterFactory = (context) => {
  // Nothing after the cursor to repeat (typing at the end of a block or file): nothing to do.
  if (!suffixCanDuplicate(context)) return (text) => text;
  const linePrefix = linePrefixOf(context.prefix);
  const restOfLine = lineSuffixOf(context.suffix);
  const { tabSize } = context.indent;
  // The suffix can be thousands of characters; a streaming caller runs this filter per line.
  const suffix = suffixLinesOf(context.suffix, linePrefix, tabSize);
  return (text) => {
    let kept = text;
    if (suffix.nextLines.length > 0) {
      const lines = text.split('\n');
      const start = duplicatedLinesStart(lines, suffix, linePrefix, tabSize);
      if (start >= 0) kept = lines.slice(0, start).join('\n');
    }
    return removeDuplicatedRestOfLine(kept, restOfLine);
  };
};
