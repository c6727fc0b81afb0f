/**
 * Drops the closing brackets a suggestion has too many of: `count(items))` where `count(items)`
 * was meant, `head = child;)`, `'NFKD')` at the top level. The suggestion's code brackets
 * (codeScanner.ts: strings, comments and regex literals do not count) are balanced against the
 * brackets the code before the cursor leaves open; a closer that closes nothing, or meets an
 * opener of another kind (`)` where `{` is open), is dropped — only that character, what
 * follows it stays (`curEnd!)) {` → `curEnd!) {`).
 *
 * A closer is only dropped where it can be judged:
 *  - in a language the scanner knows (codeScanner.ts), outside a comment line;
 *  - not in the run of closers a line starts with (`});` closes what earlier lines opened,
 *    perhaps before the text this filter sees);
 *  - "closes nothing" only when the text before the cursor starts at the document's start
 *    (shorter than the prompt window), otherwise the opener may lie before it (in Python,
 *    whose blocks have no brackets, the window is taken as enough);
 *  - not when the cursor sits inside a block comment or a multi-line string.
 * Closers the editor already has right of the cursor (auto-closed `)` in `count(|)`) are
 * removeSuffixDuplication's: this filter compares with the text before the cursor only.
 */
import { INLINE_DEFAULTS } from '../inlineDefaults';
import { CodeScanner, CodeSyntax, codeSyntaxOf, mayMatter, OPENER_OF } from './codeScanner';
import { linePrefixOf, PostprocessContext, PostprocessFilterFactory } from './postprocessContext';

const HAS_CLOSER = /[)\]}]/;
/** Characters that may start a string, a comment, a regex literal or an escape. */
const NOT_PLAIN = /['"`/#\\]/;
const BRACKET = /[()[\]{}]/g;
const COMMENT_LINE = /^\s*(?:\/\/|\/\*|\*|#)/;

/** What the code before the cursor's line leaves open, worked out on first need. */
export interface OpenBefore {
  /** Unmatched openers, innermost last. */
  openers: string[];
  /** Everything before the cursor was seen (it starts at the document's start). */
  complete: boolean;
  /** The scanner at the start of the cursor's line (inside a comment, string or template there). */
  scanner: CodeScanner;
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
function codeBefore(line: string, index: number): boolean {
  for (let i = index - 1; i >= 0; i--) {
    const ch = line[i];
    if (ch !== ' ' && ch !== '\t' && !(ch in OPENER_OF)) return true;
  }
  return false;
}

/** What a suggestion's balancing needs that does not depend on the suggestion, per request. */
export interface CloserContext {
  syntax: CodeSyntax;
  linePrefix: string;
  /** What the code before the cursor's line leaves open (worked out on first need). */
  outer: () => OpenBefore;
}

export function closerContext(context: PostprocessContext): CloserContext | undefined {
  const syntax = codeSyntaxOf(context.languageId);
  const linePrefix = linePrefixOf(context.prefix);
  if (!syntax || COMMENT_LINE.test(linePrefix)) return undefined;
  const before = context.prefix.slice(0, context.prefix.length - linePrefix.length);
  // Python's blocks are indentation: a bracket the window does not show open spans thousands
  // of characters only in a huge literal, so what it shows is taken as all.
  const complete = context.prefix.length < INLINE_DEFAULTS.maxPrefixChars || context.languageId === 'python';
  let known: OpenBefore | undefined;
  return { syntax, linePrefix, outer: () => (known ??= openBefore(before, complete, new CodeScanner(syntax))) };
}

/**
 * One suggestion's lines, in order (index 0 continues the cursor's line), each returned
 * without the closers it has too many of. A closer's fate depends only on what comes before
 * it, so a caller that sees the lines one at a time (streamingPostprocessor.ts) gets what the
 * filter gives for the whole text.
 */
export class CloserBalancer {
  private scanner: CodeScanner | undefined;
  private readonly local: string[] = [];
  private outerUsed = 0;
  /** The code before turned out not to end in code: nothing more is judged. */
  private unsure = false;
  /** The scanner started from the state the code before leaves (not assumed to be code). */
  private stateKnown = false;
  /** Closers of the cursor's line that close what earlier lines opened (`}, 1000` of `f(() => {`). */
  private readonly earlierCloses: string[] = [];
  private outerApplied = false;

  constructor(private readonly context: CloserContext) {}

  line(text: string, index: number): string {
    const scanner = this.scanner ?? this.start();
    if (index > 0) scanner.scan('\n', () => undefined);
    if (!mayMatter(text)) {
      scanner.skipPlain(text);
      return text;
    }
    const line = index === 0 ? this.context.linePrefix + text : text;
    const from = index === 0 ? this.context.linePrefix.length : 0;
    let drops: number[] | undefined;
    if (scanner.inPlainCode && !NOT_PLAIN.test(text)) {
      // No string, comment or escape can start on this line: its brackets are all code, and
      // they are all the scanner would have seen (cheaper than reading it character by character).
      for (BRACKET.lastIndex = from; BRACKET.exec(line) !== null; ) {
        const at = BRACKET.lastIndex - 1;
        const bracket = line[at];
        if (this.drops(bracket, bracket in OPENER_OF && codeBefore(line, at))) (drops ??= []).push(at);
      }
      scanner.skipPlain(text);
    } else {
      scanner.scan(
        line,
        (bracket, at) => {
          if (this.drops(bracket, bracket in OPENER_OF && codeBefore(line, at))) (drops ??= []).push(at);
        },
        from,
      );
    }
    if (!drops) return text;
    let kept = '';
    let at = from;
    for (const drop of drops) {
      kept += line.slice(at, drop);
      at = drop + 1;
    }
    return kept + line.slice(at);
  }

  /**
   * Reads the cursor's line before the cursor, as if it started in code; when that line closes
   * what it did not open (`}` of a template's `${` begun lines above), again from where the
   * code before really leaves the scanner.
   */
  private start(): CodeScanner {
    const { linePrefix, syntax, outer } = this.context;
    let doubt = false;
    const fresh = new CodeScanner(syntax);
    fresh.scan(linePrefix, (bracket, at) => {
      if (!(bracket in OPENER_OF)) this.local.push(bracket);
      else if (this.local[this.local.length - 1] === OPENER_OF[bracket]) this.local.pop();
      else if (this.local.length === 0 && !codeBefore(linePrefix, at)) this.earlierCloses.push(bracket);
      else doubt = true;
    });
    if (!doubt) return (this.scanner = fresh);
    this.local.length = 0;
    this.earlierCloses.length = 0;
    this.stateKnown = true;
    const scanner = outer().scanner.clone();
    scanner.scan(linePrefix, (bracket) => {
      if (!(bracket in OPENER_OF)) this.local.push(bracket);
      else if (this.local[this.local.length - 1] === OPENER_OF[bracket]) this.local.pop();
      else if (this.local.length === 0) this.earlierCloses.push(bracket);
    });
    return (this.scanner = scanner);
  }

  /** What the code before leaves open, once the cursor's line's own closers took theirs. */
  private outerState(): OpenBefore {
    const state = this.context.outer();
    if (!this.outerApplied) {
      this.outerApplied = true;
      if (!this.stateKnown && !state.scanner.inCode) this.unsure = true;
      for (const closer of this.earlierCloses) {
        if (state.openers[state.openers.length - 1 - this.outerUsed] === OPENER_OF[closer]) this.outerUsed++;
      }
    }
    return state;
  }

  /**
   * Takes one bracket; true when it is a closer to drop: it closes nothing open before it (or
   * meets another kind of opener) and follows code on its line (`droppable`).
   */
  private drops(bracket: string, droppable: boolean): boolean {
    if (!(bracket in OPENER_OF)) {
      this.local.push(bracket);
      return false;
    }
    const wanted = OPENER_OF[bracket];
    if (this.local.length > 0) {
      if (droppable && !this.unsure && this.local[this.local.length - 1] !== wanted) return true;
      this.local.pop();
      return false;
    }
    const state = this.outerState();
    const open = state.openers[state.openers.length - 1 - this.outerUsed];
    // With nothing open the closer closes nothing, if the window shows all there is.
    const unmatched = open === undefined ? state.complete : open !== wanted;
    if (droppable && !this.unsure && unmatched) return true;
    if (open !== undefined) this.outerUsed++;
    return false;
  }
}

export const dropUnmatchedClosers: PostprocessFilterFactory = (context) => {
  const closers = closerContext(context);
  if (!closers) return (text) => text;
  return (text) => {
    if (!HAS_CLOSER.test(text)) return text;
    const balancer = new CloserBalancer(closers);
    return text
      .split('\n')
      .map((line, index) => balancer.line(line, index))
      .join('\n');
  };
};
