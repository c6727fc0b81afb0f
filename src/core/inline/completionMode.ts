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
/** Last characters of what KEYWORD_OPENER and CONTINUATION match. */
const KEYWORD_OPENER_ENDINGS = 'onet';
const CONTINUATION_ENDINGS = ',\\+-*/%?=|&';

/** Whether `text` (a line, or the text before the cursor) ends by opening a block. */
export function endsWithBlockOpener(text: string, languageId = ''): boolean {
  const trimmed = text.trimEnd();
  if (trimmed === '') return false;
  const last = trimmed[trimmed.length - 1];
  if (last === '{' || last === '(' || last === '[') return true;
  if (trimmed.endsWith('=>')) return true;
  if (last === ':' && COLON_BLOCK_LANGUAGES.has(languageId)) return true;
  // The regular expressions try every position of the line; the last character rules most
  // lines out first (do/then/else/begin/repeat end in o, n, e or t; Ruby's `do |x|` in |).
  if (last === '|') return RUBY_BLOCK_OPENER.test(trimmed);
  return KEYWORD_OPENER_ENDINGS.includes(last) && KEYWORD_OPENER.test(trimmed);
}

/** Whether `line` ends inside a wrapped expression (trailing comma, backslash or binary operator). */
export function endsWithContinuation(line: string): boolean {
  const trimmed = line.trimEnd();
  // As above: a continuation ends in one of these characters, most lines do not.
  if (trimmed === '' || !CONTINUATION_ENDINGS.includes(trimmed[trimmed.length - 1])) return false;
  return CONTINUATION.test(trimmed) && !NOT_CONTINUATION.test(trimmed) && !trimmed.endsWith('=>');
}

/** Whether the rest of the line holds only closing brackets, quotes, `;`, `,` and whitespace. */
export function isClosersOnly(lineSuffix: string): boolean {
  return CLOSERS_ONLY.test(lineSuffix);
}

/**
 * Rule 1 on its own, from the text after the cursor: whether the rest of the cursor's line
 * holds more than closers and whitespace (a real mid-line position, which an automatic
 * trigger skips). The one rule every keystroke needs, without splitting the cursor's lines.
 */
export function isMidLine(suffix: string): boolean {
  const lineEnd = suffix.indexOf('\n');
  return !CLOSERS_ONLY.test(lineEnd < 0 ? suffix : suffix.slice(0, lineEnd));
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
  const limits = options.limits;
  const languageId = context.languageId ?? '';
  const restOfLine = context.lineSuffix.trim();
  if (restOfLine !== '') {
    if (!isClosersOnly(restOfLine)) {
      return options.explicit ? single('midLineExplicit', limits) : { kind: 'skip', reason: 'midLine' };
    }
    return single('beforeClosers', limits);
  }
  if (endsWithBlockOpener(context.linePrefix, languageId)) return multi('blockOpener', limits);
  if (context.linePrefix.trim() === '') {
    const previousLine = context.previousLine ?? '';
    if (endsWithContinuation(previousLine)) return single('continuedExpression', limits);
    if (endsWithBlockOpener(previousLine, languageId)) return multi('blockBody', limits);
    return multi('blankLine', limits);
  }
  return single('endOfLine', limits);
}

// Module functions rather than closures made per call, and no merged copy of the limits (the
// request builder passes its whole config): this runs on every request. A limit the caller's
// object has of its own wins, as it did when spread over the defaults.
function limit(limits: Partial<ModeLimits> | undefined, name: keyof ModeLimits): number {
  return limits !== undefined && Object.prototype.hasOwnProperty.call(limits, name) ? (limits[name] as number) : DEFAULT_MODE_LIMITS[name];
}

function single(reason: ModeReason, limits: Partial<ModeLimits> | undefined): ModeDecision {
  return {
    kind: 'complete',
    mode: 'singleLine',
    reason,
    maxTokens: limit(limits, 'singleLineMaxTokens'),
    maxLines: 1,
    stopAdditions: ['\n'],
  };
}

function multi(reason: ModeReason, limits: Partial<ModeLimits> | undefined): ModeDecision {
  return {
    kind: 'complete',
    mode: 'multiLine',
    reason,
    maxTokens: limit(limits, 'multiLineMaxTokens'),
    maxLines: limit(limits, 'multiLineMaxLines'),
    stopAdditions: [],
  };
}
