/**
 * One suggestion's lines, in order (index 0 continues the cursor's line), each returned
 * without the closers it has too many of (the rule: dropUnmatchedClosers.ts). A closer's fate
 * depends only on what comes before it, so a caller that sees the lines one at a time
 * (streamingPostprocessor.ts) gets what the filter gives for the whole text; and a run
 * balanced while it streamed can stand in for the final pass over the same lines
 * (closerContext.ts, `remember`).
 */
import { CodeScanner, mayMatter, OPENER_OF } from './codeScanner';
import { BalancedRun, CloserContext, codeBefore, OpenBefore } from './closerContext';

/** Characters that may start a string, a comment, a regex literal or an escape. */
const NOT_PLAIN = /['"`/#\\]/;

const CH_TAB = 9;
const CH_SPACE = 32;
const CH_LPAREN = 40;
const CH_RPAREN = 41;
const CH_LBRACKET = 91;
const CH_RBRACKET = 93;
const CH_LBRACE = 123;
const CH_RBRACE = 125;

/** `text` without the characters at `drops` (ascending indices). */
function withoutDrops(text: string, drops: readonly number[]): string {
  let kept = '';
  let at = 0;
  for (const drop of drops) {
    kept += text.slice(at, drop);
    at = drop + 1;
  }
  return kept + text.slice(at);
}

export class CloserBalancer implements BalancedRun {
  private scanner: CodeScanner | undefined;
  private local: string[] = [];
  private outerUsed = 0;
  /** The code before turned out not to end in code: nothing more is judged. */
  private unsure = false;
  /** The scanner started from the state the code before leaves (not assumed to be code). */
  private stateKnown = false;
  /** Closers of the cursor's line that close what earlier lines opened (`}, 1000` of `f(() => {`). */
  private earlierCloses: readonly string[] = [];
  private outerApplied = false;
  /**
   * Closers that reached the code before the cursor but stay whatever it holds (they start
   * their line): counted against its openers only when a later closer's fate depends on them,
   * since reading the code before costs its length (usually no such closer comes).
   */
  private untold = 0;
  /** The lines given and returned, when remembered for the final pass. */
  readonly inputs: string[] = [];
  readonly outputs: string[] = [];

  /** `remember`: keep the lines for a final pass over the same suggestion (see closerContext.ts). */
  constructor(
    private readonly context: CloserContext,
    private readonly remembered = false,
  ) {
    if (remembered) context.remember(this);
  }

  line(text: string, index: number): string {
    const kept = this.balance(text, index);
    if (this.remembered) {
      this.inputs.push(text);
      this.outputs.push(kept);
    }
    return kept;
  }

  /** A balancer in this one's state that goes on apart from it (and remembers nothing). */
  continuation(): CloserBalancer {
    const copy = new CloserBalancer(this.context);
    copy.scanner = this.scanner?.clone();
    copy.local = [...this.local];
    copy.outerUsed = this.outerUsed;
    copy.unsure = this.unsure;
    copy.stateKnown = this.stateKnown;
    copy.earlierCloses = this.earlierCloses;
    copy.outerApplied = this.outerApplied;
    copy.untold = this.untold;
    return copy;
  }

  private balance(text: string, index: number): string {
    const scanner = this.scanner ?? this.start();
    if (index > 0) scanner.newline();
    if (scanner.inPlainCode && !NOT_PLAIN.test(text)) return this.plainLine(text, index, scanner);
    if (!mayMatter(text)) {
      scanner.skipPlain(text);
      return text;
    }
    const line = index === 0 ? this.context.linePrefix + text : text;
    const from = index === 0 ? this.context.linePrefix.length : 0;
    let drops: number[] | undefined;
    scanner.scan(
      line,
      (bracket, at) => {
        if (this.drops(bracket, bracket in OPENER_OF && codeBefore(line, at))) (drops ??= []).push(at - from);
      },
      from,
    );
    return drops ? withoutDrops(text, drops) : text;
  }

  /**
   * A line in which no string, comment or escape can start, read in plain code: its brackets
   * are all code, and they are all the scanner would have seen. One pass over its characters
   * (most streamed lines), which also tells whether code precedes each closer.
   */
  private plainLine(text: string, index: number, scanner: CodeScanner): string {
    let drops: number[] | undefined;
    let code = index === 0 && this.context.cursorLine().hasCode;
    for (let at = 0; at < text.length; at++) {
      const ch = text.charCodeAt(at);
      if (ch === CH_SPACE || ch === CH_TAB) continue;
      if (ch === CH_RPAREN || ch === CH_RBRACKET || ch === CH_RBRACE) {
        if (this.drops(text[at], code)) (drops ??= []).push(at);
        continue;
      }
      if (ch === CH_LPAREN || ch === CH_LBRACKET || ch === CH_LBRACE) this.local.push(text[at]);
      code = true;
    }
    scanner.skipPlain(text);
    return drops ? withoutDrops(text, drops) : text;
  }

  /** Starts from the cursor's line as read once per request. */
  private start(): CodeScanner {
    const start = this.context.cursorLine();
    this.local = [...start.local];
    this.earlierCloses = start.earlierCloses;
    this.stateKnown = start.stateKnown;
    return (this.scanner = start.scanner.clone());
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
    // Each untold closer took the innermost opener left, while there was one.
    if (this.untold > 0) {
      this.outerUsed = Math.min(this.outerUsed + this.untold, state.openers.length);
      this.untold = 0;
    }
    return state;
  }

  /** Whether the code before turned out not to end in code (known once a closer reached it). */
  private isUnsure(): boolean {
    if (!this.outerApplied && this.untold > 0) this.outerState();
    return this.unsure;
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
      if (droppable && this.local[this.local.length - 1] !== wanted && !this.isUnsure()) return true;
      this.local.pop();
      return false;
    }
    if (!droppable) {
      this.untold++;
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
