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
 * over the recent gaps. A request the user outran before its first line tells a lower bound:
 * the first line takes at least that long. {@link PauseForecast.delay} returns the smallest `t` from the
 * debounce's own delay up to its cap at which that chance reaches `likelihood`. It changes
 * nothing until it has seen a few gaps; until it has seen a first line it assumes a typical
 * hosted API's time. A fast server or a user with clear pauses keep the plain debounce.
 * Pure: the caller supplies the times.
 */
export interface PauseForecastOptions {
  /** Gaps remembered. */
  window: number;
  /** Gaps needed before it forecasts anything. */
  minGaps: number;
  /** Chance the gap outlasts the first line at which a request is worth sending. */
  likelihood: number;
  /** Weight of the newest first-line time in its moving average. */
  alpha: number;
  /** Resolution of the search for the delay, ms. */
  stepMs: number;
  /** Time to a first line assumed until one is seen (a typical hosted API). */
  assumedFirstLineMs: number;
}

export const DEFAULT_PAUSE_FORECAST: Readonly<PauseForecastOptions> = Object.freeze({
  window: 128,
  minGaps: 3,
  likelihood: 0.5,
  alpha: 0.3,
  stepMs: 10,
  assumedFirstLineMs: 250,
});

export class PauseForecast {
  private readonly gaps: number[] = [];
  private next = 0;
  private lastKey: number | undefined;
  private firstLine: number | undefined;
  private measured = false;
  private readonly options: PauseForecastOptions;

  constructor(options: Partial<PauseForecastOptions> = {}) {
    this.options = { ...DEFAULT_PAUSE_FORECAST, ...options };
  }

  /** The moving average of the time to a first line, ms (the assumption before the first). */
  get firstLineMs(): number {
    return this.firstLine ?? this.options.assumedFirstLineMs;
  }

  keystroke(at: number): void {
    if (this.lastKey !== undefined) {
      const gap = at - this.lastKey;
      if (gap > 0) {
        if (this.gaps.length < this.options.window) this.gaps.push(gap);
        else this.gaps[this.next] = gap;
        this.next = (this.next + 1) % this.options.window;
      }
    }
    this.lastKey = at;
  }

  /** A request sent `ms` ago just had its first line ready to show. */
  firstLineAfter(ms: number): void {
    if (!(ms >= 0) || !Number.isFinite(ms)) return;
    this.firstLine = !this.measured || this.firstLine === undefined ? ms : this.options.alpha * ms + (1 - this.options.alpha) * this.firstLine;
    this.measured = true;
  }

  /**
   * A request sent `ms` ago was given up (the user typed on) before its first line: so a first
   * line takes at least that long. Before any first line was seen this is all there is to go on.
   */
  outrunAfter(ms: number): void {
    if (!(ms >= 0) || !Number.isFinite(ms)) return;
    if (this.firstLineMs < ms) this.firstLine = ms;
  }

  /** The delay to wait before requesting, between `minMs` (the debounce's) and `maxMs`. */
  delay(minMs: number, maxMs: number): number {
    const firstLine = this.firstLineMs;
    if (this.gaps.length < this.options.minGaps || !(maxMs > minMs)) return minMs;
    const sorted = [...this.gaps].sort((a, b) => a - b);
    for (let t = minMs; t < maxMs; t += this.options.stepMs) {
      const longer = sorted.length - firstAtLeast(sorted, t);
      if (longer === 0) return Math.round(t);
      const outlasting = sorted.length - firstAtLeast(sorted, t + firstLine);
      if (outlasting >= this.options.likelihood * longer) return Math.round(t);
    }
    return Math.round(maxMs);
  }
}

/** Index of the first value ≥ `bound` in ascending `sorted` (its length when none). */
function firstAtLeast(sorted: readonly number[], bound: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle] < bound) low = middle + 1;
    else high = middle;
  }
  return low;
}
