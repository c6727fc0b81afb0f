/**
 * Multi-line only: shifts a suggestion whose indentation is consistently off to the level of
 * the block it belongs to, instead of letting the block-scope rule (limitToBlockScope) cut it
 * down to nothing or show it misplaced (after Tabby's indentation filter). Runs after
 * matchIndentation (so columns are the editor's) and before the block-scope rule, which then
 * judges the shifted lines.
 *
 * The first suggested line with text after line 0 (line 0 continues the cursor's line and
 * has no indentation of its own) decides one shift for every later line:
 *  - After a block opener (`if (x) {`, `def f():`, `foo(` at the end of the cursor's line): the
 *    body belongs one indent step deeper than the opener's line (tabSize columns, or the step
 *    the code before the cursor uses when that differs: a 2-space file in an editor set to 4).
 *    A first line at any other column (the opener's own level, a level too deep, indented as
 *    if the opener were at column 0) moves there. When the code before the cursor shows no
 *    indentation at all (and the editor indents with spaces), a body deeper by a usual step
 *    (2, 4 or tabSize columns) is trusted as it is. Not when it legitimately sits at or left of
 *    the opener: a closing line (an empty block), a continuation clause (`} else {`, gofmt's
 *    `case 1:` at the switch's level).
 *  - With the cursor in indentation (an empty line in a body, where VS Code put it after
 *    Enter): line 0 is at the cursor's column, and the next line belongs there too (one step
 *    deeper when line 0 opens a block). It moves there when it is deeper (unless line 0 leaves
 *    a bracket open or ends with an operator, or the line starts a chained `.call` or an
 *    operator); or no deeper than line 0 although line 0 opens a block (never a body there);
 *    or shallower but no closing line while the block's closer is already on a line below the
 *    cursor (the model left the block without closing it, so its indentation is off); or at
 *    column 0 under a cursor that is not, while the code below the cursor goes on indented
 *    (lines written relative to the cursor's line). A shallower line in a block with no closer
 *    below (Python) is a normal dedent: no shift. In Python, when line 0 leaves a bracket open
 *    with text after it, the next line lines up under that text (PEP 8's visual indent).
 * Every later line moves by the same amount; a line the shift would push left of column 0
 * stays. Blank lines are left as they are. Single-line suggestions pass through.
 */
import { endsWithBlockOpener, endsWithContinuation } from '../completionMode';
import { CodeScanner, codeSyntaxOf } from './codeScanner';
import { isClosingLine, isContinuationClause } from './limitToBlockScope';
import { mapLines } from './mapLines';
import { memoizedPerContext } from './contextMemo';
import {
  columnAfter,
  indentWidth,
  isBlank,
  leadingWhitespace,
  linePrefixOf,
  PostprocessContext,
  PostprocessFilterFactory,
} from './postprocessContext';

/** A line that is a comment only. */
const LINE_COMMENT = /^\s*(?:\/\/|#|\/\*|\*)/;

/** A line that continues the previous one's expression: `.then(…)`, `&& ok`, `+ rest`, `? a : b`. */
const CONTINUES_EXPRESSION = /^(?:\.[\w$]|\?\.|&&|\|\||\?\?|[-+*/%?:|&]\s|=>)/;

/** Lines with text looked at for the indent step (walking back from the cursor). */
const STEP_LINES = 40;

/**
 * Indentation width of the line in `text` from `start` to `end`, or -1 when it is blank or a
 * comment's continuation line (` * text` of a block comment: one space in, not a step).
 */
function widthAt(text: string, start: number, end: number, tabSize: number): number {
  let column = 0;
  for (let i = start; i < end; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 32) column++;
    else if (ch === 9) column = (Math.floor(column / tabSize) + 1) * tabSize;
    else return ch === 13 || ch === 42 ? -1 : column;
  }
  return -1;
}

/**
 * The indent step the code before the cursor uses (the most common increase of 2–8 columns
 * between consecutive lines with text, over its last lines; `preferred` wins a tie), or undefined
 * when it shows none. Walks back from the cursor without splitting the prefix.
 */
export function indentStepOf(prefix: string, tabSize: number, preferred: number): number | undefined {
  const size = Math.max(1, Math.floor(tabSize) || 1);
  const counts = new Map<number, number>();
  let after = -1;
  let seen = 0;
  for (let end = prefix.length; end > 0 && seen < STEP_LINES; ) {
    const start = prefix.lastIndexOf('\n', end - 1) + 1;
    const width = widthAt(prefix, start, end, size);
    if (width >= 0) {
      seen++;
      const step = after - width;
      if (after >= 0 && step >= 2 && step <= 8) counts.set(step, (counts.get(step) ?? 0) + 1);
      after = width;
    }
    end = start - 1;
  }
  let best: number | undefined;
  let bestCount = 0;
  for (const [step, count] of counts) {
    if (count > bestCount || (count === bestCount && step === preferred)) [best, bestCount] = [step, count];
  }
  return best;
}

/** Brackets opened in `line` and not closed in it (strings not told apart: a hint, not a parse). */
function openBrackets(line: string): number {
  let open = 0;
  for (const ch of line) open += ch === '(' || ch === '[' || ch === '{' ? 1 : ch === ')' || ch === ']' || ch === '}' ? -1 : 0;
  return open;
}

/**
 * Whether the line after `line` may hang deeper: `line` leaves a bracket open (`foo(a,`, a
 * continuation aligned under the bracket) or ends with an operator; a comma after a complete
 * element (`[1, 2],`) does not.
 */
function continuesOnNextLine(line: string): boolean {
  if (LINE_COMMENT.test(line)) return false; // `// see [a-[]`: brackets in prose open nothing
  if (openBrackets(line) > 0) return true;
  return endsWithContinuation(line) && !line.trimEnd().endsWith(',');
}

/**
 * The column just after the innermost bracket `line` (starting at `column`) leaves open, when
 * text follows that bracket on the line (Python's visual indent); undefined otherwise.
 */
function visualIndent(line: string, column: number): number | undefined {
  const open: number[] = [];
  new CodeScanner(codeSyntaxOf('python')!).scan(line, (bracket, index) => {
    if (bracket === '(' || bracket === '[' || bracket === '{') open.push(index);
    else open.pop();
  });
  const at = open[open.length - 1];
  if (at === undefined || isBlank(line.slice(at + 1))) return undefined;
  return column + at + 1;
}

/** The first line with text after the cursor's line, or undefined. */
function lineBelow(suffix: string): string | undefined {
  let start = suffix.indexOf('\n');
  while (start >= 0) {
    const end = suffix.indexOf('\n', start + 1);
    const line = suffix.slice(start + 1, end < 0 ? suffix.length : end);
    if (!isBlank(line)) return line;
    start = end;
  }
  return undefined;
}

/** Rewrites one line's indentation by `shift` columns, in the editor's style. */
function shifted(line: string, shift: number, insertSpaces: boolean, tabSize: number): string {
  const whitespace = leadingWhitespace(line);
  const column = columnAfter(whitespace, tabSize) + shift;
  const size = Math.max(1, Math.floor(tabSize) || 1);
  const indent = insertSpaces ? ' '.repeat(column) : '\t'.repeat(Math.floor(column / size)) + ' '.repeat(column % size);
  return indent + line.slice(whitespace.length);
}

/**
 * The rewrite of one suggested line (index 0 continues the cursor's line), for a caller that
 * sees the lines one at a time and in order (streamingPostprocessor.ts); each call of the
 * factory starts a new suggestion. Undefined when the suggestion is never shifted (single-line).
 */
export const blockReindenter = memoizedPerContext(startBlockReindent);

function startBlockReindent(context: PostprocessContext): (() => (line: string, index: number) => string) | undefined {
  if (context.mode !== 'multiLine') return undefined;
  const linePrefix = linePrefixOf(context.prefix);
  const inIndentation = isBlank(linePrefix);
  const afterOpener = !inIndentation && endsWithBlockOpener(linePrefix, context.languageId);
  if (!inIndentation && !afterOpener) return undefined;
  const block = new BlockShift(context, linePrefix, afterOpener);
  return () => block.suggestion();
}

/**
 * What deciding a suggestion's shift needs of its request, read once and the rest on first need.
 * A class rather than a function's closures: one is made per multi-line request, cold, and each
 * closure costs there (see closerContext.ts).
 */
class BlockShift {
  private readonly insertSpaces: boolean;
  private readonly tabSize: number;
  private readonly size: number;
  private readonly cursorColumn: number;
  private readonly openerLevel: number;
  private step: number | undefined;
  private stepRead = false;
  private below: string | null | undefined;

  constructor(
    private readonly context: PostprocessContext,
    linePrefix: string,
    private readonly afterOpener: boolean,
  ) {
    this.insertSpaces = context.indent.insertSpaces;
    this.tabSize = context.indent.tabSize;
    this.size = Math.max(1, Math.floor(this.tabSize) || 1);
    this.cursorColumn = columnAfter(linePrefix, this.tabSize);
    this.openerLevel = indentWidth(linePrefix, this.tabSize);
  }

  /** The rewrite of one suggestion's lines, given in order. */
  suggestion(): (line: string, index: number) => string {
    let firstLine = '';
    let shift: number | undefined;
    return (line, index) => {
      if (index === 0) {
        firstLine = line;
        return line;
      }
      if (isBlank(line)) return line;
      if (shift === undefined) shift = this.decide(line, firstLine);
      if (shift === 0) return line;
      if (shift < 0 && indentWidth(line, this.tabSize) + shift < 0) return line;
      return shifted(line, shift, this.insertSpaces, this.tabSize);
    };
  }

  /**
   * The indent step the code before the cursor shows (with tabs: one tab), read when a line is
   * not where tabSize puts it; undefined: a line deeper by a usual step (2, 4, tabSize) is trusted.
   */
  private evidence(): number | undefined {
    if (!this.stepRead) {
      this.step = this.insertSpaces ? indentStepOf(this.context.prefix, this.tabSize, this.size) : this.size;
      this.stepRead = true;
    }
    return this.step;
  }

  private plausibleStep(columns: number): boolean {
    return columns === 2 || columns === 4 || columns === this.size;
  }

  private unit(): number {
    return this.evidence() ?? this.size;
  }

  private nextLine(): string | null {
    if (this.below === undefined) this.below = lineBelow(this.context.suffix) ?? null;
    return this.below;
  }

  /** The block's closer is already on a line below the cursor (VS Code put it there). */
  private closerBelow(): boolean {
    const line = this.nextLine();
    return line !== null && isClosingLine(line) && indentWidth(line, this.tabSize) < this.cursorColumn;
  }

  /** The code below the cursor goes on indented: a line at column 0 here cannot be meant. */
  private indentedBelow(): boolean {
    const line = this.nextLine();
    return line !== null && indentWidth(line, this.tabSize) > 0;
  }

  /** The shift of a suggestion's lines, from its first line after line 0 (`firstLine`: its line 0). */
  private decide(line: string, firstLine: string): number {
    const { tabSize, size, openerLevel, cursorColumn } = this;
    const { languageId } = this.context;
    const indent = indentWidth(line, tabSize);
    if (this.afterOpener) {
      if (indent === openerLevel + size) return 0;
      if (this.plausibleStep(indent - openerLevel) && this.evidence() === undefined) return 0;
      const target = openerLevel + this.unit();
      if (indent === target) return 0;
      if (indent <= openerLevel && (isClosingLine(line) || isContinuationClause(line, languageId))) return 0;
      return target - indent;
    }
    // Line 0 starts at the cursor, after any indentation the model wrote there itself.
    if (isBlank(firstLine)) return 0;
    const base = columnAfter(leadingWhitespace(firstLine), tabSize, cursorColumn);
    // PEP 8: after `f(a,` with text behind the bracket, the next line lines up under that text.
    const aligned = languageId === 'python' ? visualIndent(firstLine, cursorColumn) : undefined;
    if (aligned !== undefined) return aligned - indent;
    const opens = endsWithBlockOpener(firstLine, languageId);
    if (indent === base + (opens ? size : 0)) return 0;
    if (opens && this.plausibleStep(indent - base) && this.evidence() === undefined) return 0;
    const target = base + (opens ? this.unit() : 0);
    if (indent === target) return 0;
    if (indent > target) {
      if ((!opens && continuesOnNextLine(firstLine)) || CONTINUES_EXPRESSION.test(line.trim())) return 0;
      return target - indent;
    }
    // Shallower: a dedent out of the block is normal, unless it is no closing line while the
    // block's closer is already below the cursor (VS Code put it there), or it is at column 0
    // under a cursor that is not ("relative to the cursor").
    if (isClosingLine(line) || isContinuationClause(line, languageId)) return 0;
    // A block opened on line 0 whose first line is not deeper than line 0: never a body.
    if (opens && indent <= base) return target - indent;
    if (indent === 0 && base > 0 && this.indentedBelow()) return target;
    return this.closerBelow() ? target - indent : 0;
  }
}

export const reindentToBlock: PostprocessFilterFactory = (context) => {
  const start = blockReindenter(context);
  if (!start) return (text) => text;
  return (text) => {
    if (!text.includes('\n')) return text;
    return mapLines(text, start());
  };
};
