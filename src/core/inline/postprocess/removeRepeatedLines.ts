/**
 * Cuts degenerate loops: when a line — or a block of 2 or 3 lines — occurs
 * `context.repeatedLineLimit` times in a row (default 4), keep its first occurrence and drop
 * everything after it (what follows a loop is rarely useful). Lines compare with their
 * indentation (so nested `}` lines are not repeats) and without trailing whitespace; blocks
 * made only of blank lines are ignored. The first line is compared as the whole cursor line
 * (text before the cursor + first line), like the lines after it.
 */
import { INLINE_DEFAULTS } from '../inlineDefaults';
import { isBlank, linePrefixOf, PostprocessFilterFactory } from './postprocessContext';

const MAX_PERIOD = INLINE_DEFAULTS.repeatedBlockMaxLines;

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

export const removeRepeatedLines: PostprocessFilterFactory = (context) => {
  const linePrefix = linePrefixOf(context.prefix);
  return (text) => {
    const lines = text.split('\n');
    const compared = lines.map((line, index) => (index === 0 ? linePrefix + line : line));
    const cut = findRepetitionCut(compared, context.repeatedLineLimit);
    return cut < 0 ? text : lines.slice(0, cut).join('\n');
  };
};
