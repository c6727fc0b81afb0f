/**
 * Single-line or multi-line? Decided from the cursor's line (text before and after the
 * cursor on that line) and the line above, before any request is made.
 *
 * The rules, first match wins (`reason` names the rule that decided):
 *
 *  1. Rest of the line holds something other than closing brackets, quotes, `;` `,` and
 *     whitespace (a real mid-line position, e.g. `foo(|bar)`):
 *       automatic trigger → **skip** (`'midLine'`): ghost text can only insert, and models
 *       asked mid-line mostly rewrite the text that is already there;
 *       explicit trigger  → **single-line** (`'midLineExplicit'`): the user asked, so we try;
 *       post-processing removes a repeated rest of line.
 *  2. Rest of the line is closers only (`)`, `]`, `}`, quotes, `` ` ``, `;`, `,`), e.g.
 *     `print(|)` → **single-line** (`'beforeClosers'`).
 *  Otherwise the cursor is at the end of the line (trailing whitespace ignored):
 *  3. Text before the cursor ends with a block opener (`{` `(` `[` `=>`, `:` in Python,
 *     `do` `then` `else` `begin` `repeat`, Ruby `do |x|`) → **multi-line** (`'blockOpener'`).
 *  4. The line is blank (whitespace only):
 *       line above ends with a continuation (`,` `\` or a binary operator such as `+` `&&`
 *       `=`) → **single-line** (`'continuedExpression'`): we are inside a wrapped
 *       expression or argument list, one more line is what fits;
 *       line above ends with a block opener → **multi-line** (`'blockBody'`);
 *       otherwise → **multi-line** (`'blankLine'`).
 *  5. Anything else (end of a line with code) → **single-line** (`'endOfLine'`).
 */
import { INLINE_DEFAULTS } from './inlineDefaults';

export type CompletionMode = 'singleLine' | 'multiLine';

export interface CursorLineContext {
  /** Text of the cursor's line before the cursor. */
  linePrefix: string;
  /** Text of the cursor's line after the cursor. */
  lineSuffix: string;
  /** The whole line above the cursor's line ('' on the first line). */
  previousLine?: string;
  /** VS Code language id, e.g. 'python', 'typescript'. */
  languageId?: string;
}

export interface ModeLimits {
  singleLineMaxTokens: number;
  multiLineMaxTokens: number;
  multiLineMaxLines: number;
}

export type ModeReason =
  | 'midLineExplicit'
  | 'beforeClosers'
  | 'blockOpener'
  | 'continuedExpression'
  | 'blockBody'
  | 'blankLine'
  | 'endOfLine';

export type ModeDecision =
  | { kind: 'skip'; reason: 'midLine' }
  | {
      kind: 'complete';
      mode: CompletionMode;
      reason: ModeReason;
      /** `max_tokens` for this request. */
      maxTokens: number;
      /** Most lines post-processing keeps (the cursor's line counts). */
      maxLines: number;
      /** Stops this mode needs (`'\n'` for single-line), highest priority when merging. */
      stopAdditions: string[];
    };

export const DEFAULT_MODE_LIMITS: Readonly<ModeLimits> = Object.freeze({
  singleLineMaxTokens: INLINE_DEFAULTS.singleLineMaxTokens,
  multiLineMaxTokens: INLINE_DEFAULTS.multiLineMaxTokens,
  multiLineMaxLines: INLINE_DEFAULTS.multiLineMaxLines,
});

/** Languages where a trailing `:` opens an indented block. */
const COLON_BLOCK_LANGUAGES = new Set(['python', 'cython', 'nim', 'gdscript']);
const CLOSERS_ONLY = /^[\s)\]}"'`;,]*$/;
const KEYWORD_OPENER = /(?:^|[^\w$])(?:do|then|else|begin|repeat)$/;
const RUBY_BLOCK_OPENER = /(?:^|\W)do\s*\|[^|]*\|$/;
const CONTINUATION = /(?:,|\\|\+|-|\*|\/|%|&&|\|\||\?\?|\?|=|\||&)$/;
const NOT_CONTINUATION = /(?:\+\+|--|\*\/)$/;

/** Whether `text` (a line, or the text before the cursor) ends by opening a block. */
export function endsWithBlockOpener(text: string, languageId = ''): boolean {
  const trimmed = text.trimEnd();
  if (trimmed === '') return false;
  const last = trimmed[trimmed.length - 1];
  if (last === '{' || last === '(' || last === '[') return true;
  if (trimmed.endsWith('=>')) return true;
  if (last === ':' && COLON_BLOCK_LANGUAGES.has(languageId)) return true;
  return KEYWORD_OPENER.test(trimmed) || RUBY_BLOCK_OPENER.test(trimmed);
}

/** Whether `line` ends inside a wrapped expression (trailing comma, backslash or binary operator). */
export function endsWithContinuation(line: string): boolean {
  const trimmed = line.trimEnd();
  return CONTINUATION.test(trimmed) && !NOT_CONTINUATION.test(trimmed) && !trimmed.endsWith('=>');
}

/** Whether the rest of the line holds only closing brackets, quotes, `;`, `,` and whitespace. */
export function isClosersOnly(lineSuffix: string): boolean {
  return CLOSERS_ONLY.test(lineSuffix);
}

/** Splits prefix / suffix strings into the cursor-line view used by {@link decideCompletionMode}. */
export function cursorLineContext(prefix: string, suffix: string, languageId?: string): CursorLineContext {
  const lineStart = prefix.lastIndexOf('\n') + 1;
  const previousStart = lineStart > 0 ? prefix.lastIndexOf('\n', lineStart - 2) + 1 : 0;
  const lineEnd = suffix.indexOf('\n');
  return {
    linePrefix: prefix.slice(lineStart),
    lineSuffix: lineEnd < 0 ? suffix : suffix.slice(0, lineEnd),
    previousLine: lineStart > 0 ? prefix.slice(previousStart, lineStart - 1) : '',
    languageId,
  };
}

export function decideCompletionMode(
  context: CursorLineContext,
  options: { explicit?: boolean; limits?: Partial<ModeLimits> } = {},
): ModeDecision {
  const limits: ModeLimits = { ...DEFAULT_MODE_LIMITS, ...options.limits };
  const single = (reason: ModeReason): ModeDecision => ({
    kind: 'complete',
    mode: 'singleLine',
    reason,
    maxTokens: limits.singleLineMaxTokens,
    maxLines: 1,
    stopAdditions: ['\n'],
  });
  const multi = (reason: ModeReason): ModeDecision => ({
    kind: 'complete',
    mode: 'multiLine',
    reason,
    maxTokens: limits.multiLineMaxTokens,
    maxLines: limits.multiLineMaxLines,
    stopAdditions: [],
  });

  const languageId = context.languageId ?? '';
  const restOfLine = context.lineSuffix.trim();
  if (restOfLine !== '') {
    if (!isClosersOnly(restOfLine)) {
      return options.explicit ? single('midLineExplicit') : { kind: 'skip', reason: 'midLine' };
    }
    return single('beforeClosers');
  }
  if (endsWithBlockOpener(context.linePrefix, languageId)) return multi('blockOpener');
  if (context.linePrefix.trim() === '') {
    const previousLine = context.previousLine ?? '';
    if (endsWithContinuation(previousLine)) return single('continuedExpression');
    if (endsWithBlockOpener(previousLine, languageId)) return multi('blockBody');
    return multi('blankLine');
  }
  return single('endOfLine');
}
