/**
 * What every post-processing filter knows about the request, and the filter shape.
 *
 * Shape (after Tabby's `postprocess/`): a filter factory takes the context once per request
 * and returns a pure `(text) => text` function. Filters never throw; they only remove text
 * or rewrite indentation whitespace. `''` means "nothing worth showing" and the pipeline
 * stops there.
 * The completion text starts at the cursor: its first line continues the cursor's line,
 * every following line starts at column 0.
 */
import type { CompletionMode } from '../completionMode';
import { INLINE_DEFAULTS } from '../inlineDefaults';

export interface IndentStyle {
  /** Editor option `insertSpaces`: indent with spaces (true) or tabs (false). */
  insertSpaces: boolean;
  /** Editor option `tabSize` (also the indent width). */
  tabSize: number;
}

export interface PostprocessContext {
  /** Text before the cursor (as sent; with an IntelliSense item applied when one was selected). */
  prefix: string;
  /** Text after the cursor. */
  suffix: string;
  languageId: string;
  mode: CompletionMode;
  /** Most lines to keep; the cursor's line counts. */
  maxLines: number;
  indent: IndentStyle;
  /** Every stop sequence of the request, not only the ≤ 4 sent. */
  stops: readonly string[];
  /** Repeats in a row that make a degenerate loop (see removeRepeatedLines). */
  repeatedLineLimit: number;
}

export type PostprocessFilter = (text: string) => string;
export type PostprocessFilterFactory = (context: PostprocessContext) => PostprocessFilter;

/** A context with defaults for what is not given (single-line: 1 line; multi-line: 12). */
export function createPostprocessContext(
  init: Pick<PostprocessContext, 'prefix' | 'suffix'> & Partial<PostprocessContext>,
): PostprocessContext {
  const mode = init.mode ?? 'singleLine';
  return {
    prefix: init.prefix,
    suffix: init.suffix,
    languageId: init.languageId ?? '',
    mode,
    maxLines: init.maxLines ?? (mode === 'singleLine' ? 1 : INLINE_DEFAULTS.multiLineMaxLines),
    indent: init.indent ?? { insertSpaces: INLINE_DEFAULTS.indentInsertSpaces, tabSize: INLINE_DEFAULTS.indentTabSize },
    stops: init.stops ?? [],
    repeatedLineLimit: init.repeatedLineLimit ?? INLINE_DEFAULTS.repeatedLineLimit,
  };
}

/** Text of the cursor's line before the cursor. */
export function linePrefixOf(prefix: string): string {
  return prefix.slice(prefix.lastIndexOf('\n') + 1);
}

/** Text of the cursor's line after the cursor. */
export function lineSuffixOf(suffix: string): string {
  const end = suffix.indexOf('\n');
  return end < 0 ? suffix : suffix.slice(0, end);
}

export function isBlank(text: string): boolean {
  return text.trim() === '';
}

/** Length of the run of spaces and tabs `text` starts with. */
function indentLength(text: string): number {
  let end = 0;
  for (; end < text.length; end++) {
    const ch = text.charCodeAt(end);
    if (ch !== 32 && ch !== 9) break;
  }
  return end;
}

/** The spaces and tabs a line starts with (a character loop: every streamed line asks). */
export function leadingWhitespace(line: string): string {
  return line.slice(0, indentLength(line));
}

/**
 * Column reached after the spaces and tabs `whitespace` starts with, starting at `startColumn`,
 * with tab stops every `tabSize`.
 */
export function columnAfter(whitespace: string, tabSize: number, startColumn = 0): number {
  const size = Math.max(1, Math.floor(tabSize) || 1);
  let column = startColumn;
  const end = indentLength(whitespace);
  for (let i = 0; i < end; i++) {
    column = whitespace.charCodeAt(i) === 9 ? (Math.floor(column / size) + 1) * size : column + 1;
  }
  return column;
}

/** Indentation of a line (starting at column 0), in columns. */
export function indentWidth(line: string, tabSize: number): number {
  return columnAfter(line, tabSize);
}
