/**
 * Every tunable default of the ghost-text (inline completion) engine, in one table.
 *
 * Modules take these as parameter defaults; the integrator overrides the ones that have a
 * user setting (`cometComplete.inline.*`, `cometComplete.temperature`…) and leaves the rest.
 * Nothing else in `src/core/inline/` hard-codes a number that a reader might want to tune.
 * A default that is also a setting's default is read from {@link SETTING_RULES}, its one place.
 */
import { MAX_WIRE_STOPS } from '../client/wireStops';
import { SETTING_RULES } from '../settings/settingRules';

export const INLINE_DEFAULTS = Object.freeze({
  // ── Scheduling (adaptiveDebounce.ts) ────────────────────────────────────────────────
  /** Base debounce in ms (setting `inline.debounceMs`; the engine adapts it, see adaptiveDebounce.ts and pauseForecast.ts). */
  debounceBaseMs: SETTING_RULES['inline.debounceMs'].default as number,
  /** Lower bound of the adaptive delay, as a factor of the base (base × 0.5). */
  debounceMinFactor: 0.5,
  /** Upper bound of the adaptive delay, as a factor of the base (base × 3). */
  debounceMaxFactor: 3,
  /** Weight of the newest gap in the exponential moving average of inter-key gaps. */
  debounceEmaAlpha: 0.3,
  /** How strongly the delay follows the rhythm: delay = base × (base / avgGap) ^ exponent. */
  debounceRhythmExponent: 0.5,
  /** A gap at least this long is a pause, not typing rhythm: it is kept out of the average. */
  debouncePauseGapMs: 1500,

  // ── Prompt window (promptWindow.ts) ─────────────────────────────────────────────────
  /** Characters before the cursor (setting `inline.maxPrefixChars`). */
  maxPrefixChars: SETTING_RULES['inline.maxPrefixChars'].default as number,
  /** Lines before the cursor (the cursor's own line counts). */
  maxPrefixLines: 200,
  /** Characters after the cursor (setting `inline.maxSuffixChars`). */
  maxSuffixChars: SETTING_RULES['inline.maxSuffixChars'].default as number,
  /** Lines after the cursor (the rest of the cursor's line counts). */
  maxSuffixLines: 40,
  /** The whole prompt — prefix, suffix, workspace context — in characters (setting `inline.maxPromptChars`). */
  maxPromptChars: SETTING_RULES['inline.maxPromptChars'].default as number,

  // ── Request shape (completionMode.ts, inlineRequestBuilder.ts) ──────────────────────
  /** `max_tokens` when only the rest of the current line is wanted (setting `inline.maxTokens`). */
  singleLineMaxTokens: SETTING_RULES['inline.maxTokens'].default as number,
  /** `max_tokens` when a block may be suggested (setting `inline.multiLineMaxTokens`). */
  multiLineMaxTokens: SETTING_RULES['inline.multiLineMaxTokens'].default as number,
  /** Most lines shown for a multi-line suggestion, the cursor's line counts (setting `inline.maxLines`). */
  multiLineMaxLines: SETTING_RULES['inline.maxLines'].default as number,
  /** `n` on an explicit trigger (setting `inline.candidates`); automatic triggers ask for 1. */
  explicitCandidates: SETTING_RULES['inline.candidates'].default as number,
  /** Setting `temperature`. */
  temperature: SETTING_RULES.temperature.default as number,
  /** Setting `topP`. */
  topP: SETTING_RULES.topP.default as number,
  /** Setting `stream`. */
  stream: SETTING_RULES.stream.default as boolean,
  /** Setting `logprobs` (null = off). Forced to at least 1 when the low-confidence filter is on. */
  logprobs: SETTING_RULES.logprobs.default as number | null,
  /** The `/completions` route accepts at most this many stop sequences (applied in `client/wireStops.ts`). */
  maxStops: MAX_WIRE_STOPS,

  // ── Post-processing (postprocess/) ──────────────────────────────────────────────────
  /** Mean token logprob below which a suggestion is hidden; null = filter off (setting `inline.minMeanLogprob`). */
  lowConfidenceThreshold: SETTING_RULES['inline.minMeanLogprob'].default as number | null,
  /**
   * A line (or block of up to 3 lines) seen this many times in a row is a degenerate loop.
   * 4, not 3: three equal lines in a row happen in real code (rows of a zero matrix).
   */
  repeatedLineLimit: 4,
  /** Longest block (in lines) whose repetition removeRepeatedLines looks for. */
  repeatedBlockMaxLines: 3,
  /** Characters of the suffix post-processing compares with, even when fewer (or none) are sent. */
  postprocessSuffixChars: 2000,
  /** Editor indentation assumed when the caller gives none. */
  indentInsertSpaces: true,
  indentTabSize: 4,

  // ── Cache (lruCache.ts, completionCacheKey.ts) ──────────────────────────────────────
  /** Entries kept in the suggestion cache. */
  cacheSize: 200,
  /** Characters of the prefix (its tail) that take part in the cache key. */
  cacheKeyPrefixChars: 1000,
  /** Characters of the suffix (its head) that take part in the cache key. */
  cacheKeySuffixChars: 200,
  /** How many just-typed characters a cache lookup may walk back over ("typing through"). */
  cacheTypeThroughMaxChars: 64,
});

export type InlineDefaults = typeof INLINE_DEFAULTS;
