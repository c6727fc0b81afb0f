/**
 * Will the user still be pausing when the first line could show? A request sent while the
 * user is only between two keys is aborted by the next key before it shows anything: it costs
 * the server a prompt and the user nothing but it helps no one. This forecast lengthens the
 * adaptive debounce just enough that a request goes out when it is likely to be seen.
 *
 * It keeps the user's recent gaps between keystrokes and how long this server takes to
 * produce a suggestion's first line (a moving average). Having waited `t` ms since the last
 * key, the chance that the gap lasts until the first line arrives is
 *
 *   P(gap ≥ t + firstLine | gap ≥ t) = #(gaps ≥ t + firstLine) / #(gaps ≥ t)
 *
 * over the recent gaps. {@link PauseForecast.delay} returns the smallest `t` from the debounce's
 * own delay up to its cap at which that chance reaches `likelihood`. A fast server or a user
 * with clear pauses keep the plain debounce. Pure: the caller supplies the times.
 *
 * Warm start. The first few gaps of a session never include the rare long ones, so counting
 * only them, every new longest gap of the first line would send a request the next key aborts.
 * So the counts start from a prior, a typical programmer's gaps (gapPrior.ts: a log-normal
 * mixture, fluent keys mean 238 ms after Dhakal et al. CHI 2018, plus 5 % pauses of median
 * 1.5 s at statement and line boundaries; the sources and reasoning are there). The prior counts
 * as `priorGaps` gaps, and each real gap replaces one:
 *
 *   #(gaps ≥ b) = #(real gaps ≥ b) + max(0, priorGaps − real gaps seen) · P_prior(gap ≥ b)
 *
 * as if the ring buffer were seeded with prior gaps that real ones overwrite first. priorGaps is
 * 64 (half the window, about two lines of code) because what the forecast needs is the share of
 * the rare long gaps, and at the prior's 5 % pauses 64 gaps hold about three of them: the few
 * the old `minGaps` asked for, but of the kind that matters. Alone the prior waits about 550 ms
 * after a key (with the assumed first line below), past ~98 % of fluent gaps; after 64 real gaps
 * the forecast is the user's own. The prior describes gaps within typing, so it starts with the
 * first gap (the second key): after a single key nothing says the user is typing at all.
 *
 * The first line. Until one is seen the forecast assumes `assumedFirstLineMs` = 400 ms: a first
 * line is the time to the first token (a hosted completion API over the internet: a few hundred
 * ms) plus the line's ~10 tokens (~100–170 ms at 60–100 tokens/s). 250 ms was below even the
 * loopback benchmark server's ~330 ms (180 ms to the first token). Guessing high costs only the
 * first suggestion a little time (the first measurement replaces the guess); guessing low sends
 * requests the user outruns. A request the user outran before its first line tells a lower
 * bound: before any first line was seen it raises the assumption to it; afterwards it enters the
 * moving average like a measurement (when longer than the average) instead of replacing it, so
 * one slow request does not lengthen every later wait.
 *
 * Line starts. Gaps after a key that left the cursor at the start of a line's code (typingPoint.ts)
 * are counted apart, with their own prior and their own likelihood: that is where people stop to
 * think about the next statement (LINE_START_GAPS: 40 % pauses against the 5 % overall), and a
 * request sent there is cheap to lose — the next key usually comes before its first token, and
 * the transport resets the stream without closing the connection — while it is worth most there:
 * it is the first ghost text after a cold pause, the first of a session included. So at a line
 * start the request goes out once the chance reaches `lineStart.likelihood` (0.35): from the
 * first line of a session (the prior alone gives 0.44 at once) right after the debounce, and
 * later as the user's own line starts say. A request the user then types through keeps serving
 * (the engine's type-through); one they type past is aborted.
 */
import { GapPrior, LINE_START_GAPS, TYPICAL_PROGRAMMER_GAPS, priorSurvival } from './gapPrior';
import { GapWindow } from './gapWindow';
import type { TypingPoint } from './typingPoint';

/** How gaps after keys at one kind of typing point are forecast. */
export interface GapKindOptions {
  /** Gaps remembered. */
  window: number;
  /** Chance the gap outlasts the first line at which a request is worth sending. */
  likelihood: number;
  /** Gaps of a typical programmer the forecast starts from, or null for none. */
  prior: GapPrior | null;
  /** How many gaps the prior counts as; each real gap replaces one. */
  priorGaps: number;
}

export interface PauseForecastOptions extends GapKindOptions {
  /** Gaps needed (real ones plus what the prior still counts as) before it forecasts anything. */
  minGaps: number;
  /** Weight of the newest first-line time in its moving average. */
  alpha: number;
  /** Resolution of the search for the delay, ms. */
  stepMs: number;
  /** Time to a first line assumed until one is seen (a typical hosted API). */
  assumedFirstLineMs: number;
  /** Gaps after a key that left the cursor at a line start (the top-level fields are for the rest). */
  lineStart: GapKindOptions;
}

export const DEFAULT_PAUSE_FORECAST: Readonly<PauseForecastOptions> = Object.freeze({
  window: 128,
  minGaps: 3,
  likelihood: 0.5,
  alpha: 0.3,
  stepMs: 10,
  assumedFirstLineMs: 400,
  prior: TYPICAL_PROGRAMMER_GAPS,
  priorGaps: 64,
  lineStart: Object.freeze({ window: 32, likelihood: 0.35, prior: LINE_START_GAPS, priorGaps: 8 }),
});

export class PauseForecast {
  private readonly kinds: Record<TypingPoint, { gaps: GapWindow; options: GapKindOptions; survivals: Map<number, number> }>;
  /** Real gaps seen in all, of every kind. */
  private seen = 0;
  private lastKey: number | undefined;
  private lastPoint: TypingPoint = 'inLine';
  private firstLine: number | undefined;
  private measured = false;
  private readonly options: PauseForecastOptions;

  /** `lineStart` may name only what it changes: the rest comes from the defaults. */
  constructor(options: Partial<Omit<PauseForecastOptions, 'lineStart'>> & { lineStart?: Partial<GapKindOptions> } = {}) {
    this.options = { ...DEFAULT_PAUSE_FORECAST, ...options, lineStart: { ...DEFAULT_PAUSE_FORECAST.lineStart, ...options.lineStart } };
    const inLine: GapKindOptions = this.options;
    const lineStart: GapKindOptions = this.options.lineStart;
    this.kinds = {
      inLine: { gaps: new GapWindow(inLine.window), options: inLine, survivals: new Map() },
      lineStart: { gaps: new GapWindow(lineStart.window), options: lineStart, survivals: new Map() },
    };
  }

  /** The moving average of the time to a first line, ms (the assumption before the first). */
  get firstLineMs(): number {
    return this.firstLine ?? this.options.assumedFirstLineMs;
  }

  /** A key at `at` that left the cursor at `point`; the gap it closes is counted with the previous key's point. */
  keystroke(at: number, point: TypingPoint = 'inLine'): void {
    if (this.lastKey !== undefined) {
      const gap = at - this.lastKey;
      if (gap > 0) {
        this.kinds[this.lastPoint].gaps.add(gap);
        this.seen++;
      }
    }
    this.lastKey = at;
    this.lastPoint = point;
  }

  /** A request sent `ms` ago just had its first line ready to show. */
  firstLineAfter(ms: number): void {
    if (!(ms >= 0) || !Number.isFinite(ms)) return;
    this.firstLine = !this.measured || this.firstLine === undefined ? ms : this.options.alpha * ms + (1 - this.options.alpha) * this.firstLine;
    this.measured = true;
  }

  /**
   * A request sent `ms` ago was given up (the user typed on) before its first line: so a first
   * line takes at least that long. Before any first line was seen this is all there is to go on;
   * afterwards it is one more (censored) sample for the average.
   */
  outrunAfter(ms: number): void {
    if (!(ms >= 0) || !Number.isFinite(ms) || ms <= this.firstLineMs) return;
    this.firstLine = this.measured ? this.options.alpha * ms + (1 - this.options.alpha) * this.firstLineMs : ms;
  }

  /** How many gaps the prior still counts as (for gaps after keys at `point`): each real gap replaced one. */
  priorWeight(point: TypingPoint = 'inLine'): number {
    const { gaps, options } = this.kinds[point];
    return options.prior ? Math.max(0, options.priorGaps - gaps.seen) : 0;
  }

  /** The delay to wait before requesting after the latest key, between `minMs` (the debounce's) and `maxMs`. */
  delay(minMs: number, maxMs: number): number {
    const firstLine = this.firstLineMs;
    const kind = this.kinds[this.lastPoint];
    const { prior, likelihood } = kind.options;
    const weight = this.priorWeight(this.lastPoint);
    // A gap takes two keys: after the first one nothing says the user is typing at all.
    if (this.seen === 0 || kind.gaps.size + weight < this.options.minGaps || !(maxMs > minMs)) return minMs;
    // #(gaps ≥ bound): the real ones plus the prior's share of what is left of it.
    const atLeast = (bound: number): number =>
      kind.gaps.atLeast(bound) + (prior && weight > 0 ? weight * survivalOf(kind.survivals, prior, bound) : 0);
    for (let t = minMs; t < maxMs; t += this.options.stepMs) {
      const longer = atLeast(t);
      // No gap this long was ever seen (nor expected): whatever comes now is a pause.
      if (longer <= 0) return Math.round(t);
      if (atLeast(t + firstLine) >= likelihood * longer) return Math.round(t);
    }
    return Math.round(maxMs);
  }
}

/** P(gap ≥ bound) under `prior`, memoised by whole ms (the search asks the same bounds again and again). */
function survivalOf(memo: Map<number, number>, prior: GapPrior, bound: number): number {
  const ms = Math.round(bound);
  let survival = memo.get(ms);
  if (survival === undefined) {
    survival = priorSurvival(prior, ms);
    if (memo.size >= 4096) memo.clear();
    memo.set(ms, survival);
  }
  return survival;
}
