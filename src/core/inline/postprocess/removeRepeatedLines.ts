/**
 * Cuts degenerate loops: when a line — or a block of 2 or 3 lines — occurs
 * `context.repeatedLineLimit` times in a row (default 4), keep its first occurrence and drop
 * everything after it (what follows a loop is rarely useful). Lines compare with their
 * indentation (so nested `}` lines are not repeats) and without trailing whitespace; blocks
 * made only of blank lines are ignored. The first line is compared as the whole cursor line
 * (text before the cursor + first line), like the lines after it.
 * A suggestion longer than `maxLines` lines was cut short by the line limit while the model
 * went on: there a line (or block) that fills the end of the lines kept twice in a row is
 * enough (a loop the limit interrupted; limitLines would otherwise show its first repeats).
 * The price: real code that happens to repeat a line right at the limit loses the copy.
 */
import { INLINE_DEFAULTS } from '../inlineDefaults';
import { isBlank, linePrefixOf, PostprocessContext, PostprocessFilterFactory } from './postprocessContext';

const MAX_PERIOD = INLINE_DEFAULTS.repeatedBlockMaxLines;
/** Occurrences in a row that make a loop when the line limit cut it short (see findTruncatedLoopCut). */
const TRUNCATED_LOOP_MIN = 2;

/** Index just after the first occurrence of the first repeating run, or -1 when there is none. */
export function findRepetitionCut(lines: readonly string[], limit: number): number {
  const normalized = lines.map((line) => line.trimEnd());
  const minimum = Math.max(2, Math.floor(limit) || 2);
  for (let start = 0; start < normalized.length; start++) {
    for (let period = 1; period <= MAX_PERIOD; period++) {
      if (start + period * minimum > normalized.length) break;
      const block = normalized.slice(start, start + period);
      if (block.every(isBlank)) continue;
      let repeats = 1;
      while (start + (repeats + 1) * period <= normalized.length) {
        const offset = start + repeats * period;
        if (!block.every((line, i) => normalized[offset + i] === line)) break;
        repeats++;
      }
      if (repeats >= minimum) return start + period;
    }
  }
  return -1;
}

/**
 * Whether `keys` (lines as compared: see {@link repetitionKeyer}) end with a repeating run:
 * the last `limit` blocks of 1 to 3 lines are equal and not all blank. For a caller that adds
 * one line at a time and checks after each: a run that {@link findRepetitionCut} would find
 * first shows up here at the line that completes it.
 */
export function repetitionEndsAtLast(keys: readonly string[], limit: number): boolean {
  const minimum = Math.max(2, Math.floor(limit) || 2);
  const end = keys.length;
  for (let period = 1; period <= MAX_PERIOD; period++) {
    const start = end - period * minimum;
    if (start < 0) break;
    let allBlank = true;
    for (let i = 0; i < period && allBlank; i++) allBlank = isBlank(keys[end - period + i]);
    if (allBlank) continue;
    let repeating = true;
    for (let i = start; i < end - period && repeating; i++) repeating = keys[i] === keys[i + period];
    if (repeating) return true;
  }
  return false;
}

/** A suggested line as repetitions compare it (index 0 with the text before the cursor). */
export function repetitionKeyer(context: PostprocessContext): (line: string, index: number) => string {
  const linePrefix = linePrefixOf(context.prefix);
  return (line, index) => (index === 0 ? linePrefix + line : line).trimEnd();
}

/**
 * For a suggestion that runs past `maxLines` (the model went on): index just after the first
 * occurrence of a run of 1–3 lines that fills the end of the lines kept, seen at least
 * {@link TRUNCATED_LOOP_MIN} times, or -1. A loop cut short by the line limit never reaches
 * `repeatedLineLimit` repeats, but the model was still repeating when the limit came.
 */
export function findTruncatedLoopCut(keys: readonly string[]): number {
  const end = keys.length;
  for (let period = 1; period <= MAX_PERIOD; period++) {
    let start = end - period;
    if (start < 0) break;
    if (keys.slice(start, end).every(isBlank)) continue;
    let occurrences = 1;
    while (start - period >= 0 && keys.slice(start - period, start).every((key, i) => key === keys[start + i])) {
      start -= period;
      occurrences++;
    }
    if (occurrences >= TRUNCATED_LOOP_MIN) return start + period;
  }
  return -1;
}

export const removeRepeatedLines: PostprocessFilterFactory = (context) => {
  const keyOf = repetitionKeyer(context);
  const maxLines = Math.max(1, Math.floor(context.maxLines) || 1);
  return (text) => {
    const lines = text.split('\n');
    const keys = lines.map(keyOf);
    let cut = findRepetitionCut(keys, context.repeatedLineLimit);
    if (cut < 0 && lines.length > maxLines) cut = findTruncatedLoopCut(keys.slice(0, maxLines));
    return cut < 0 ? text : lines.slice(0, cut).join('\n');
  };
};
