/**
 * Multi-line only: stop where the suggestion leaves the block it started in (a dedent), the
 * way an editor folds a block. Single-line suggestions pass through.
 *
 * Two starts:
 *  - After a block opener (`function f() {`, `def f():`): the block's own indentation is the
 *    cursor line's. Body lines must be indented deeper. At the opener's indentation we keep
 *    continuation clauses (`} else {`, `} catch (e) {`, Python `elif …:` `else:` `except …:`
 *    `finally:`, and `case …:` / `default:` labels, which gofmt puts at the switch's level),
 *    keep one closing line (`}`, `});`, `end`) and stop after it; any other line
 *    there or shallower is outside the block and is cut with everything after it.
 *  - Anywhere else (typically a blank line inside a body): the block's indentation is the
 *    cursor's column. Lines at that column or deeper stay. The first shallower line is kept
 *    only when it is a pure closing line (it closes the block the cursor is in; a duplicate of
 *    the suffix's own closing line is removed later by removeSuffixDuplication); cut after it.
 * Blank lines never decide; trailing ones go in trimWhitespace.
 */
import { endsWithBlockOpener } from '../completionMode';
import {
  columnAfter,
  indentWidth,
  isBlank,
  leadingWhitespace,
  linePrefixOf,
  PostprocessContext,
  PostprocessFilterFactory,
} from './postprocessContext';

const CLOSING_LINE = /^(?:[)\]}]+[)\]};,.]*|end[;),.]*|<\/[\w.:-]*>[;,)]*)$/;
const STARTS_WITH_CLOSER = /^[)\]}]/;
const PYTHON_CLAUSE = /^(?:elif\b.*|else|except\b.*|finally)\s*:$/;
const SWITCH_LABEL = /^(?:case\b.*|default)\s*:$/;

/** A line that only closes brackets / blocks: `}`, `});`, `]`, `end`, `</div>`. */
export function isClosingLine(line: string): boolean {
  return CLOSING_LINE.test(line.trim());
}

/** A line at the opener's level that continues the same statement: `} else {`, `elif x:`, `case 1:`. */
export function isContinuationClause(line: string, languageId: string): boolean {
  const trimmed = line.trim();
  if (STARTS_WITH_CLOSER.test(trimmed) && endsWithBlockOpener(trimmed, languageId)) return true;
  if (SWITCH_LABEL.test(trimmed)) return true; // gofmt puts `case x:` at the switch's level
  return languageId === 'python' && PYTHON_CLAUSE.test(trimmed);
}

/**
 * What a suggested line (index ≥ 1; line 0 continues the cursor's line and never decides)
 * means for the block: it stays `inside`, the suggestion is cut `before` it, or it is the
 * block's closing line and the suggestion is cut `after` it. Undefined for single-line
 * suggestions, which this filter leaves alone. Shared by the filter and by
 * streamingPostprocessor.ts, which asks about each line as it arrives.
 */
export type BlockScopeVerdict = 'inside' | 'before' | 'after';

export function blockScopeRule(context: PostprocessContext): ((line: string) => BlockScopeVerdict) | undefined {
  if (context.mode !== 'multiLine') return undefined;
  const { tabSize } = context.indent;
  const linePrefix = linePrefixOf(context.prefix);
  const afterOpener = !isBlank(linePrefix) && endsWithBlockOpener(linePrefix, context.languageId);
  const base = afterOpener ? indentWidth(linePrefix, tabSize) : columnAfter(leadingWhitespace(linePrefix), tabSize);
  return (line) => {
    if (isBlank(line)) return 'inside';
    const indent = indentWidth(line, tabSize);
    if (afterOpener) {
      if (indent > base) return 'inside';
      if (indent === base && isContinuationClause(line, context.languageId)) return 'inside';
      return indent === base && isClosingLine(line) ? 'after' : 'before';
    }
    if (indent >= base) return 'inside';
    return isClosingLine(line) ? 'after' : 'before';
  };
}

export const limitToBlockScope: PostprocessFilterFactory = (context) => {
  const rule = blockScopeRule(context);
  if (!rule) return (text) => text;
  return (text) => {
    const lines = text.split('\n');
    for (let index = 1; index < lines.length; index++) {
      const verdict = rule(lines[index]);
      if (verdict === 'inside') continue;
      return lines.slice(0, verdict === 'after' ? index + 1 : index).join('\n');
    }
    return text;
  };
};
