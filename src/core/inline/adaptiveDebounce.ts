/**
 * How long to wait after a keystroke before asking the model, learned from the user's own
 * typing rhythm. Pure: the caller feeds keystroke timestamps (any monotonic ms clock) and
 * keeps the returned state; nothing here reads a clock.
 *
 * State: `averageGapMs`, an exponential moving average of the gaps between keystrokes
 *   avg ← gap                          (first gap)
 *   avg ← α·gap + (1 − α)·avg          (α = 0.3)
 * Gaps ≥ `pauseGapMs` (1500 ms) are pauses, not rhythm: they stay out of the average but are
 * remembered as `lastGapMs`. Gaps ≤ 0 (same-tick edits such as auto-closed brackets, or a
 * clock going back) are ignored.
 *
 * Delay, first match wins:
 *   explicit trigger                      → 0
 *   base ≤ 0                              → 0
 *   no average yet                        → base
 *   last gap was a pause (user resumed)   → base × minFactor            (short: they paused)
 *   a likely pause point (a line start)   → base × minFactor            (short: they may pause now)
 *   otherwise                             → clamp(base × (base / avg)^k, base × minFactor, base × maxFactor)
 * with k = 0.5, minFactor = 0.5, maxFactor = 3, rounded to whole ms. A user typing fast
 * (avg < base) gets a longer wait, so no request fires between two keys of a burst; a slow,
 * deliberate typist (avg > base) gets a shorter one. At avg = base the delay is the base.
 */
import { INLINE_DEFAULTS } from './inlineDefaults';

export interface TypingRhythm {
  /** Timestamp of the latest keystroke, or null before the first. */
  lastKeystrokeAt: number | null;
  /** Moving average of inter-key gaps (pauses excluded), or null before the first gap. */
  averageGapMs: number | null;
  /** The latest gap, pauses included, or null before the first gap. */
  lastGapMs: number | null;
}

export interface AdaptiveDebounceOptions {
  baseMs: number;
  minFactor: number;
  maxFactor: number;
  emaAlpha: number;
  rhythmExponent: number;
  pauseGapMs: number;
}

export const DEFAULT_ADAPTIVE_DEBOUNCE_OPTIONS: Readonly<AdaptiveDebounceOptions> = Object.freeze({
  baseMs: INLINE_DEFAULTS.debounceBaseMs,
  minFactor: INLINE_DEFAULTS.debounceMinFactor,
  maxFactor: INLINE_DEFAULTS.debounceMaxFactor,
  emaAlpha: INLINE_DEFAULTS.debounceEmaAlpha,
  rhythmExponent: INLINE_DEFAULTS.debounceRhythmExponent,
  pauseGapMs: INLINE_DEFAULTS.debouncePauseGapMs,
});

export const INITIAL_TYPING_RHYTHM: Readonly<TypingRhythm> = Object.freeze({
  lastKeystrokeAt: null,
  averageGapMs: null,
  lastGapMs: null,
});

/**
 * An option, or its default. (Read one by one rather than merged into a copy: this runs on
 * every keystroke, and a spread is a call into the runtime there.)
 */
function option(options: Partial<AdaptiveDebounceOptions>, name: keyof AdaptiveDebounceOptions): number {
  return options[name] ?? DEFAULT_ADAPTIVE_DEBOUNCE_OPTIONS[name];
}

/** The rhythm after a keystroke at `timestampMs`. */
export function recordKeystroke(
  rhythm: TypingRhythm,
  timestampMs: number,
  options: Partial<AdaptiveDebounceOptions> = {},
): TypingRhythm {
  if (!Number.isFinite(timestampMs)) return rhythm;
  if (rhythm.lastKeystrokeAt === null) return { lastKeystrokeAt: timestampMs, averageGapMs: rhythm.averageGapMs, lastGapMs: rhythm.lastGapMs };
  const gap = timestampMs - rhythm.lastKeystrokeAt;
  if (gap <= 0) return rhythm;
  if (gap >= option(options, 'pauseGapMs')) return { lastKeystrokeAt: timestampMs, averageGapMs: rhythm.averageGapMs, lastGapMs: gap };
  const emaAlpha = option(options, 'emaAlpha');
  const averageGapMs = rhythm.averageGapMs === null ? gap : emaAlpha * gap + (1 - emaAlpha) * rhythm.averageGapMs;
  return { lastKeystrokeAt: timestampMs, averageGapMs, lastGapMs: gap };
}

/** Milliseconds to wait before requesting, per the formula above. */
export function debounceDelay(
  rhythm: TypingRhythm,
  options: Partial<AdaptiveDebounceOptions> & { explicit?: boolean; likelyPause?: boolean } = {},
): number {
  return delayFor(rhythm, options, option(options, 'baseMs'), options.explicit === true, options.likelyPause === true);
}

function delayFor(rhythm: TypingRhythm, options: Partial<AdaptiveDebounceOptions>, base: number, explicit: boolean, likelyPause: boolean): number {
  if (explicit) return 0;
  if (!(base > 0)) return 0;
  const low = base * option(options, 'minFactor');
  if (rhythm.averageGapMs === null) return Math.round(base);
  if (rhythm.lastGapMs !== null && rhythm.lastGapMs >= option(options, 'pauseGapMs')) return Math.round(low);
  if (likelyPause) return Math.round(low);
  const high = base * option(options, 'maxFactor');
  const average = Math.max(1, rhythm.averageGapMs);
  const raw = base * Math.pow(base / average, option(options, 'rhythmExponent'));
  return Math.round(Math.min(high, Math.max(low, raw)));
}

/** Convenience holder of a {@link TypingRhythm} for one editor; still clock-free. */
export class AdaptiveDebouncer {
  private state: TypingRhythm = INITIAL_TYPING_RHYTHM;

  constructor(private readonly options: Partial<AdaptiveDebounceOptions> = {}) {}

  get rhythm(): TypingRhythm {
    return this.state;
  }

  keystroke(timestampMs: number): void {
    this.state = recordKeystroke(this.state, timestampMs, this.options);
  }

  /**
   * Delay for a request now; `baseMs` here overrides the constructor's (the setting may change);
   * `likelyPause`: the cursor is where users often pause (a line start).
   */
  delayMs(explicit = false, baseMs?: number, likelyPause = false): number {
    return delayFor(this.state, this.options, baseMs ?? option(this.options, 'baseMs'), explicit, likelyPause);
  }

  reset(): void {
    this.state = INITIAL_TYPING_RHYTHM;
  }
}
