/**
 * What a request's post-processing needs before its first line is judged, worked out once per
 * request and shared by its choices (streamingPostprocessor.ts explains how they are used).
 */
import { shiftableStops } from './cutAtStops';
import { createPostprocessor, POSTPROCESS_STEPS } from './postprocessPipeline';
import { blockScopeRule, BlockScopeVerdict } from './limitToBlockScope';
import { lineReindenter } from './matchIndentation';
import { blockReindenter } from './reindentToBlock';
import { CloserContext, closerContext } from './closerContext';
import { PostprocessContext, PostprocessFilter } from './postprocessContext';
import { repetitionKeyer } from './removeRepeatedLines';
import { suffixCanDuplicate } from './removeSuffixDuplication';
import { TrimRules, trimRules } from './trimWhitespace';

/**
 * Steps the streaming view does not run over the complete lines: those it does line by line,
 * and limitLines, which cannot cut while fewer than `maxLines` lines are complete (at
 * `maxLines` the stream has had enough).
 */
const NOT_IN_TAIL = new Set([
  'cutAtStops',
  'matchIndentation',
  'reindentToBlock',
  'cutAtShiftedStops',
  'removeRepeatedLines',
  'limitToBlockScope',
  'dropUnmatchedClosers',
  'limitLines',
]);

/** A stop list as the streaming view uses it: without empty stops, and those a shift can bring about. */
interface StopLists {
  from: readonly string[];
  stops: readonly string[];
  shifted: readonly string[];
}

/**
 * The last few stop lists seen. A request's stops are its shape's (requestShape.ts): the same
 * array request after request (one per mode), so each is filtered once, not on every request.
 */
const STOP_LISTS: StopLists[] = [];
const REMEMBERED_STOP_LISTS = 4;

function stopListsOf(from: readonly string[]): StopLists {
  for (const known of STOP_LISTS) if (known.from === from) return known;
  const stops = from.filter((stop) => stop !== '');
  const made: StopLists = { from, stops, shifted: shiftableStops(stops) };
  if (STOP_LISTS.unshift(made) > REMEMBERED_STOP_LISTS) STOP_LISTS.pop();
  return made;
}

/**
 * What a request's post-processing needs that does not depend on the text, worked out once per
 * request (some of it reads thousands of characters of prefix and suffix) and shared by the
 * request's choices: the whole pipeline, and the parts a StreamingPostprocessor uses.
 */
export class PreparedPostprocessing {
  readonly stops: readonly string[];
  /** The stops a re-indented line can bring about (cutAtShiftedStops). */
  readonly shiftedStops: readonly string[];
  readonly maxLines: number;
  readonly reindent: (line: string, index: number) => string;
  /** For dropUnmatchedClosers line by line (undefined: a language it does not judge). */
  readonly closers: CloserContext | undefined;
  /** Starts the block re-indentation of one suggestion (undefined: single-line, never shifted). */
  readonly startBlockReindent: (() => (line: string, index: number) => string) | undefined;
  readonly keyOf: (line: string, index: number) => string;
  /**
   * Set when the tail only trims whitespace (nothing after the cursor for
   * removeSuffixDuplication to compare with: typing at the end of a block or file). Then
   * the streaming view keeps the trimmed text up to date line by line instead of running it.
   */
  readonly trimOnly: TrimRules | undefined;

  /** Built on first use: most answers never need them (see {@link whole} and {@link tail}). */
  private wholeFilter: PostprocessFilter | undefined;
  private tailFilter: PostprocessFilter | undefined;
  private rule: ((line: string) => BlockScopeVerdict) | undefined | null = null;

  constructor(readonly context: PostprocessContext) {
    const lists = stopListsOf(context.stops);
    this.stops = lists.stops;
    this.shiftedStops = lists.shifted;
    this.maxLines = Math.max(1, Math.floor(context.maxLines) || 1);
    this.reindent = lineReindenter(context);
    // Only a multi-line suggestion is shifted as a block (a single-line one is never).
    this.startBlockReindent = context.mode === 'multiLine' ? blockReindenter(context) : undefined;
    this.closers = closerContext(context);
    this.keyOf = repetitionKeyer(context);
    this.trimOnly = suffixCanDuplicate(context) ? undefined : trimRules(context);
  }

  /** Whether a line is inside the block (undefined: not judged, single-line); made for an answer's second line. */
  get blockRule(): ((line: string) => BlockScopeVerdict) | undefined {
    if (this.rule === null) this.rule = blockScopeRule(this.context);
    return this.rule;
  }

  /**
   * The whole pipeline (postprocessPipeline.ts): only for an answer whose lines streamed
   * without deciding it (one that had enough).
   */
  get whole(): PostprocessFilter {
    this.wholeFilter ??= createPostprocessor(this.context);
    return this.wholeFilter;
  }

  /** The steps run over the complete lines while streaming (unless {@link trimOnly} does their work). */
  get tail(): PostprocessFilter {
    this.tailFilter ??= createPostprocessor(
      this.context,
      POSTPROCESS_STEPS.filter((step) => !NOT_IN_TAIL.has(step.name)),
    );
    return this.tailFilter;
  }
}
