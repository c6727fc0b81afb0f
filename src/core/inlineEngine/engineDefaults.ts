/**
 * Tunable defaults of the ghost-text engine's scheduling and stream lifetimes (the request
 * shape and post-processing defaults live in `../inline/inlineDefaults.ts`).
 */
export const ENGINE_DEFAULTS = Object.freeze({
  /**
   * A stream whose last caller was cancelled before anything was shown, and that no newer
   * call picked up, is aborted after this long. VS Code cancels the previous call on every
   * keystroke and asks again a few milliseconds later, so this only fires when nobody asks
   * again (cursor moved away, editor switched).
   */
  unclaimedGraceMs: 600,
  /**
   * A stream whose text is showing keeps growing the suggestion while nobody types; it is
   * aborted when no call (typing, or the adapter's re-trigger to show more lines) came for
   * this long.
   */
  shownGraceMs: 2000,
  /** Characters of the prefix (its tail) that must equal for a stream to serve a later cursor position. */
  anchorChars: 1000,
  /** Most characters typed through a live stream's suggestion that can still be served from it. */
  liveTypedMaxChars: 2000,
  /** Type-through positions per stream whose continuation is also cached when the stream ends. */
  servedKeysPerStream: 32,
  /** The adapter waits this long after the engine reports growth before re-triggering (coalesces lines). */
  growthRetriggerMs: 40,
  /**
   * Chance that the user is still pausing when a suggestion's first line arrives at which a
   * request is worth sending (see pauseForecast.ts); 0 turns the forecast off.
   */
  pauseLikelihood: 0.6,
  /**
   * The same at the start of a line's code, where pauses are likeliest and a request is cheap to
   * lose (see pauseForecast.ts, "Line starts"); the debounce there is its shortest
   * (`inline.debounceMs` × 0.5).
   */
  lineStartLikelihood: 0.35,
  /**
   * Typing asks the transport to have a connection ready (`deps.warmUp`) at most this often: once
   * when typing starts, then while it goes on, so the suggestion at the pause finds one open.
   */
  warmUpEveryMs: 1000,
});

export type EngineDefaults = Readonly<Record<keyof typeof ENGINE_DEFAULTS, number>>;
