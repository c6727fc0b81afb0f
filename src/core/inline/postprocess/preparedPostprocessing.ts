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
  readonly blockRule: ((line: string) => BlockScopeVerdict) | undefined;
  /**
   * Set when the tail only trims whitespace (nothing after the cursor for
   * removeSuffixDuplication to compare with: typing at the end of a block or file). Then
   * the streaming view keeps the trimmed text up to date line by line instead of running it.
   */
  readonly trimOnly: TrimRules | undefined;

  /** Built on first use: most answers never need them (see {@link whole} and {@link tail}). */
  private wholeFilter: PostprocessFilter | undefined;
  private tailFilter: PostprocessFilter | undefined;

  constructor(readonly context: PostprocessContext) {
    this.stops = context.stops.filter((stop) => stop !== '');
    this.shiftedStops = shiftableStops(this.stops);
    this.maxLines = Math.max(1, Math.floor(context.maxLines) || 1);
    this.reindent = lineReindenter(context);
    this.startBlockReindent = blockReindenter(context);
    this.closers = closerContext(context);
    this.keyOf = repetitionKeyer(context);
    this.blockRule = blockScopeRule(context);
    this.trimOnly = suffixCanDuplicate(context) ? undefined : trimRules(context);
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
