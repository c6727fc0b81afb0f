/**
 * The post-processing pipeline (index.ts) for a completion that is still streaming, one line
 * at a time, so that each piece costs work in proportion to the piece and not to everything
 * received so far.
 *
 * A streaming caller shows the pipeline's result for the *complete* lines (up to the last
 * '\n'; the line still arriving may change) and wants to know the moment the rest of the
 * answer can no longer change what is shown, to stop the request. Re-running the pipeline over
 * the whole text at each line costs O(lines²) per request. But the first steps only ever
 * cut, and decide line by line:
 *
 *   cutAtStops          a stop anywhere in the text received        → enough
 *   matchIndentation    rewrites each line on its own               → kept per line
 *   reindentToBlock     one shift, decided at the first line after line 0 → kept per line
 *   cutAtShiftedStops   a stop the shifted lines made                → enough
 *   removeRepeatedLines a loop is found at the line that completes it → enough
 *   limitToBlockScope   a line leaving the block, or its closing line → enough
 *   dropUnmatchedClosers  a closer's fate depends on what precedes it → kept per line
 *
 * (plus `maxLines` lines started → enough). So while none of those fired, the pipeline's
 * result for the complete lines equals its last steps run over the lines kept here
 * (removeSuffixDuplication, trimWhitespace, dropWhitespaceOnly; limitLines cannot cut yet);
 * once one fired, the caller stops the stream and runs the whole pipeline once over what it
 * received. The unit tests check both halves against the pipeline itself on the golden cases
 * and on generated streams.
 *
 * Compared with judging the whole text each time, one thing happens sooner: a block's closing
 * line (`}` at the opener's level) is "enough" as soon as it is complete, since the pipeline
 * cuts everything after it anyway.
 */
import { CloserBalancer } from './closerBalancer';
import { StopWindow } from './cutAtStops';
import { isBlank, PostprocessContext } from './postprocessContext';
import { PreparedPostprocessing } from './preparedPostprocessing';
import type { BlockScopeVerdict } from './limitToBlockScope';
import { repetitionEndsAtLast } from './removeRepeatedLines';
import type { TrimRules } from './trimWhitespace';

/** Why a stream has had enough. */
export type EnoughReason = 'stop' | 'maxLines' | 'repetition' | 'blockEnd';

/** One choice's text as it streams: what it shows so far, and whether it has had enough. */
export class StreamingPostprocessor {
  /** Set once the rest of the answer cannot change what is shown. */
  enough: EnoughReason | undefined;
  /** The text received, in pieces (joined on demand: appending stays O(piece)). */
  private readonly pieces: string[] = [];
  private joined: string | undefined = '';
  /** The line still arriving. */
  private partial = '';
  /** Stops in the text received, and stops the re-indented lines made (cutAtShiftedStops). */
  private readonly rawStops: StopWindow;
  private readonly shiftedStops: StopWindow;
  /** Complete lines, re-indented, without the closers they have too many of. */
  private readonly lines: string[] = [];
  /** Complete lines as repetitions compare them. */
  private readonly keys: string[] = [];
  /**
   * For {@link PreparedPostprocessing.trimOnly}: the complete lines, each without trailing
   * whitespace, up to the last that has something left (what trimWhitespace makes of them).
   */
  private visible = '';
  private lastVisible = -1;
  /** Both as they were before the last complete line (a line that leaves the block is taken back). */
  private visibleBefore = '';
  private lastVisibleBefore = -1;
  /** The last complete line, re-indented, as the block's rule judges it. */
  private lastReindented = '';
  /** Set with `enough: 'blockEnd'`: whether the last line closes the block (kept) or is after it (cut). */
  private blockExit: BlockScopeVerdict | undefined;
  private readonly prepared: PreparedPostprocessing;
  private readonly blockReindent: ((line: string, index: number) => string) | undefined;
  private readonly balancer: CloserBalancer | undefined;
  private memoLines = -1;
  private memo = '';

  constructor(from: PreparedPostprocessing | PostprocessContext) {
    this.prepared = from instanceof PreparedPostprocessing ? from : new PreparedPostprocessing(from);
    this.blockReindent = this.prepared.startBlockReindent?.();
    this.rawStops = new StopWindow(this.prepared.stops);
    this.shiftedStops = new StopWindow(this.prepared.shiftedStops);
    // Remembered: the final pass over this answer reuses its balanced lines (closerContext.ts).
    this.balancer = this.prepared.closers ? new CloserBalancer(this.prepared.closers, true) : undefined;
  }

  /** The text received so far. */
  get text(): string {
    if (this.joined === undefined) this.joined = this.pieces.join('');
    return this.joined;
  }

  /** Number of complete lines. */
  get completeLines(): number {
    return this.lines.length;
  }

  /** Adds a piece of the answer; returns whether the stream has now had enough. */
  append(piece: string): boolean {
    if (this.enough !== undefined || piece === '') return this.enough !== undefined;
    this.pieces.push(piece);
    this.joined = undefined;
    if (this.rawStops.watching && this.rawStops.reaches(piece)) return this.reached('stop');
    let from = 0;
    for (let newline = piece.indexOf('\n'); newline >= 0; newline = piece.indexOf('\n', from)) {
      const line = this.partial + piece.slice(from, newline);
      this.partial = '';
      from = newline + 1;
      if (this.completeLine(line)) return true;
    }
    this.partial += piece.slice(from);
    return false;
  }

  /**
   * The pipeline's result for the complete lines: what `createPostprocessor(context)` gives
   * for the text up to the last '\n' ('' before the first). Meaningful while not `enough`;
   * after that, run the whole pipeline over {@link text}.
   */
  shown(): string {
    if (this.memoLines === this.lines.length) return this.memo;
    // The complete text is '' until a '\n' arrives after something (one at index 0 leaves '').
    const empty = this.lines.length === 0 || (this.lines.length === 1 && this.lines[0] === '');
    if (empty) this.memo = '';
    else if (this.prepared.trimOnly) this.memo = this.trimmedView(this.prepared.trimOnly);
    else this.memo = this.prepared.tail(this.lines.join('\n'));
    this.memoLines = this.lines.length;
    return this.memo;
  }

  /**
   * The pipeline's result for everything received, once nothing more will arrive — or, with
   * `completeOnly`, for its complete lines only (through the last '\n', as after a `length`
   * stop). Call it once, at the end; nothing may be appended after it.
   *
   * While nothing made the stream have enough, the lines judged as they arrived decide it:
   * the last line (the one still open, or the empty one after a final '\n') is judged like the
   * others, and if that does not make it enough either, the result is {@link shown} over all
   * the lines — the same equivalence as while streaming, for the text plus a '\n' — so no step
   * of the pipeline runs a second time over lines already judged. The same holds when a line
   * left the block: the result is the lines before it (and it, when it is the block's closing
   * line). Otherwise (a stop, a loop, `maxLines`) the whole pipeline runs once over the text.
   */
  finish(completeOnly = false): string {
    const all = this.text;
    const text = completeOnly ? all.slice(0, all.lastIndexOf('\n') + 1) : all;
    if (text === '') return '';
    if (this.enough === undefined) {
      const last = completeOnly ? '' : this.partial;
      this.partial = '';
      if (!this.completeLine(last)) return this.shown();
      // The last line is line `maxLines` itself: the text has no more lines, so limitLines cuts
      // nothing and no loop was cut short by the limit; the line is judged like any other.
      if (this.enough === 'maxLines') {
        this.enough = undefined;
        if (!this.endsAtLastLine()) return this.shown();
      }
    }
    if (this.enough === 'blockEnd') {
      // limitToBlockScope cuts at the line that left the block (keeping it when it is the
      // block's closing line), and every line before it was judged without anything firing.
      if (this.blockExit === 'before') this.takeBackLastLine();
      return this.shown();
    }
    return this.prepared.whole(text);
  }

  private takeBackLastLine(): void {
    this.lines.pop();
    this.keys.pop();
    this.visible = this.visibleBefore;
    this.lastVisible = this.lastVisibleBefore;
  }

  /**
   * trimWhitespace then dropWhitespaceOnly over the complete lines, from what completeLine
   * kept. (Its keepFinalSpace rule needs text after the cursor, so it never applies here.)
   */
  private trimmedView(rules: TrimRules): string {
    const text = rules.afterSpace ? this.visible.replace(/^[ \t]+/, '') : this.visible;
    return isBlank(text) ? '' : text;
  }

  private completeLine(line: string): boolean {
    const { reindent, keyOf, maxLines } = this.prepared;
    const index = this.lines.length;
    const matched = reindent(line, index);
    const reindented = this.blockReindent ? this.blockReindent(matched, index) : matched;
    if (this.shiftedStops.watching && this.shiftedStops.reaches(index > 0 ? '\n' + reindented : reindented)) return this.reached('stop');
    // Repetitions and the block are judged before closers are dropped, as in the pipeline.
    const kept = this.balancer ? this.balancer.line(reindented, index) : reindented;
    this.lines.push(kept);
    const trimmed = this.prepared.trimOnly ? kept.trimEnd() : '';
    this.visibleBefore = this.visible;
    this.lastVisibleBefore = this.lastVisible;
    if (trimmed !== '') {
      // The lines in between are blank: each adds only its line break.
      this.visible += '\n'.repeat(this.lastVisible < 0 ? index : index - this.lastVisible) + trimmed;
      this.lastVisible = index;
    }
    this.keys.push(keyOf(reindented, index));
    this.lastReindented = reindented;
    if (this.lines.length >= maxLines) return this.reached('maxLines');
    return this.endsAtLastLine();
  }

  /** Whether the last complete line ends a loop or leaves the block (see {@link completeLine}). */
  private endsAtLastLine(): boolean {
    if (repetitionEndsAtLast(this.keys, this.prepared.context.repeatedLineLimit)) return this.reached('repetition');
    // The block's rule judges from the second line on (made then: most answers have one line).
    const blockRule = this.lines.length > 1 ? this.prepared.blockRule : undefined;
    if (blockRule) {
      const verdict = blockRule(this.lastReindented);
      if (verdict !== 'inside') {
        this.blockExit = verdict;
        return this.reached('blockEnd');
      }
    }
    return false;
  }

  private reached(reason: EnoughReason): true {
    this.enough = reason;
    return true;
  }
}
