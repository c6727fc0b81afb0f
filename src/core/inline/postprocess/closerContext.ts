/**
 * What balancing a request's suggestions (dropUnmatchedClosers.ts, closerBalancer.ts) needs
 * that does not depend on the suggestion: the language's syntax, the cursor's line read once,
 * what the code before it leaves open (read on first need: it can be thousands of characters),
 * and the suggestions already balanced line by line while they streamed, so the final pass
 * over a streamed answer reads none of its lines again. One per request context
 * (contextMemo.ts), shared by the streaming view and every pipeline built for the context.
 */
import { INLINE_DEFAULTS } from '../inlineDefaults';
import { CodeScanner, CodeSyntax, codeSyntaxOf, OPENER_OF } from './codeScanner';
import { memoizedPerContext } from './contextMemo';
import { linePrefixOf, PostprocessContext } from './postprocessContext';

const COMMENT_LINE = /^\s*(?:\/\/|\/\*|\*|#)/;

/** Balancers kept per request for their final pass (the engine streams at most 5 choices). */
const REMEMBERED = 8;

/** What the code before the cursor's line leaves open, worked out on first need. */
export interface OpenBefore {
  /** Unmatched openers, innermost last. */
  openers: string[];
  /** Everything before the cursor was seen (it starts at the document's start). */
  complete: boolean;
  /** The scanner at the start of the cursor's line (inside a comment, string or template there). */
  scanner: CodeScanner;
}

/** The cursor's line before the cursor, as a suggestion's balancing starts from it. */
export interface CursorLineStart {
  /** The scanner at the cursor (clone it to read on). */
  scanner: CodeScanner;
  /** Openers of the cursor's line left open at the cursor, innermost last. */
  local: readonly string[];
  /** Closers of the cursor's line that close what earlier lines opened (`}, 1000` of `f(() => {`). */
  earlierCloses: readonly string[];
  /** The scanner started from the state the code before leaves (not assumed to be code). */
  stateKnown: boolean;
  /** The cursor's line has something other than whitespace and closers before the cursor. */
  hasCode: boolean;
}

/** A suggestion balanced line by line: its lines as given and as returned, and how to go on. */
export interface BalancedRun {
  readonly inputs: readonly string[];
  readonly outputs: readonly string[];
  /** A balancer in the state after the last input, independent of the run's. */
  continuation(): { line(text: string, index: number): string };
}

/** What a suggestion's balancing needs that does not depend on the suggestion, per request. */
export interface CloserContext {
  syntax: CodeSyntax;
  linePrefix: string;
  /** What the code before the cursor's line leaves open (worked out on first need). */
  outer(): OpenBefore;
  /** The cursor's line read up to the cursor (worked out on first need). */
  cursorLine(): CursorLineStart;
  /** Keeps a run that is balanced line by line (the newest {@link REMEMBERED}) until a final pass takes it. */
  remember(run: BalancedRun): void;
  /**
   * Takes (forgets) a remembered run whose inputs agree with `lines` as far as both go: the
   * final pass over a streamed answer comes once, and a run kept past it would only hold memory.
   */
  take(lines: readonly string[]): BalancedRun | undefined;
  /** Whether a run is remembered (a final pass then has one to take). */
  readonly remembering: boolean;
}

function openBefore(before: string, complete: boolean, scanner: CodeScanner): OpenBefore {
  const openers: string[] = [];
  // A window that does not start at the document's start starts at a line start.
  const from = complete ? 0 : before.indexOf('\n') + 1;
  scanner.scan(
    before,
    (bracket) => {
      if (!(bracket in OPENER_OF)) openers.push(bracket);
      else if (openers.length > 0 && openers[openers.length - 1] === OPENER_OF[bracket]) openers.pop();
      else if (openers.lastIndexOf(OPENER_OF[bracket]) >= 0) openers.length = openers.lastIndexOf(OPENER_OF[bracket]);
    },
    from,
  );
  return { openers, complete, scanner };
}

/** Whether `line` has something other than whitespace and closers before `index`. */
export function codeBefore(line: string, index: number): boolean {
  for (let i = index - 1; i >= 0; i--) {
    const ch = line[i];
    if (ch !== ' ' && ch !== '\t' && !(ch in OPENER_OF)) return true;
  }
  return false;
}

/**
 * Reads the cursor's line before the cursor, as if it started in code; when that line closes
 * what it did not open (`}` of a template's `${` begun lines above), again from where the
 * code before really leaves the scanner.
 */
function readCursorLine(linePrefix: string, syntax: CodeSyntax, outer: () => OpenBefore): CursorLineStart {
  const hasCode = codeBefore(linePrefix, linePrefix.length);
  const local: string[] = [];
  const earlierCloses: string[] = [];
  let doubt = false;
  const fresh = new CodeScanner(syntax);
  fresh.scan(linePrefix, (bracket, at) => {
    if (!(bracket in OPENER_OF)) local.push(bracket);
    else if (local[local.length - 1] === OPENER_OF[bracket]) local.pop();
    else if (local.length === 0 && !codeBefore(linePrefix, at)) earlierCloses.push(bracket);
    else doubt = true;
  });
  if (!doubt) return { scanner: fresh, local, earlierCloses, stateKnown: false, hasCode };
  local.length = 0;
  earlierCloses.length = 0;
  const scanner = outer().scanner.clone();
  scanner.scan(linePrefix, (bracket) => {
    if (!(bracket in OPENER_OF)) local.push(bracket);
    else if (local[local.length - 1] === OPENER_OF[bracket]) local.pop();
    else if (local.length === 0) earlierCloses.push(bracket);
  });
  return { scanner, local, earlierCloses, stateKnown: true, hasCode };
}

/** Whether `run`'s inputs and `lines` agree as far as both go. */
function agrees(run: BalancedRun, lines: readonly string[]): boolean {
  const { inputs } = run;
  if (inputs.length === 0) return false;
  const shared = Math.min(inputs.length, lines.length);
  for (let i = 0; i < shared; i++) if (inputs[i] !== lines[i]) return false;
  return true;
}

/**
 * A class, not an object literal with closures and a getter: one is made per request, cold, and
 * a literal with a getter takes V8's slow path (measured after a 40 ms pause: ~23 µs for such a
 * literal with five functions, ~6 µs for a class instance).
 */
class RequestCloserContext implements CloserContext {
  private known: OpenBefore | undefined;
  private start: CursorLineStart | undefined;
  private readonly runs: BalancedRun[] = [];

  constructor(
    readonly syntax: CodeSyntax,
    readonly linePrefix: string,
    /** The text before the cursor's line, and whether it starts at the document's start. */
    private readonly before: string,
    private readonly complete: boolean,
  ) {}

  outer(): OpenBefore {
    this.known ??= openBefore(this.before, this.complete, new CodeScanner(this.syntax));
    return this.known;
  }

  cursorLine(): CursorLineStart {
    this.start ??= readCursorLine(this.linePrefix, this.syntax, () => this.outer());
    return this.start;
  }

  remember(run: BalancedRun): void {
    if (this.runs.push(run) > REMEMBERED) this.runs.shift();
  }

  get remembering(): boolean {
    return this.runs.length > 0;
  }

  take(lines: readonly string[]): BalancedRun | undefined {
    for (let i = this.runs.length - 1; i >= 0; i--) if (agrees(this.runs[i], lines)) return this.runs.splice(i, 1)[0];
    return undefined;
  }
}

export const closerContext = memoizedPerContext((context: PostprocessContext): CloserContext | undefined => {
  const syntax = codeSyntaxOf(context.languageId);
  const linePrefix = linePrefixOf(context.prefix);
  if (!syntax || COMMENT_LINE.test(linePrefix)) return undefined;
  const before = context.prefix.slice(0, context.prefix.length - linePrefix.length);
  // Python's blocks are indentation: a bracket the window does not show open spans thousands
  // of characters only in a huge literal, so what it shows is taken as all.
  const complete = context.prefix.length < INLINE_DEFAULTS.maxPrefixChars || context.languageId === 'python';
  return new RequestCloserContext(syntax, linePrefix, before, complete);
});
