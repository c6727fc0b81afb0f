/**
 * What the gaps between a typical programmer's keystrokes look like before we have seen any of
 * this user's: the warm start of the pause forecast (pauseForecast.ts). Without it the forecast
 * knows only the first few gaps, which never include the rare long ones, so each new longest
 * gap of the first line sends a request that the next key aborts.
 *
 * The prior is a mixture of two log-normal distributions, "fluent" transitions and "pauses".
 * Keystroke-timing research models typing this way: inter-key intervals are right-skewed and
 * fit well by a log-normal (González et al., "On the shape of timings distributions in
 * free-text keystroke dynamics profiles", Heliyon 2021, over three free-text data sets), and
 * typing is a mixture of fluent and disfluent key transitions (Roeser et al., "Modelling typing
 * disfluencies as finite mixture process", Reading and Writing 2021). The numbers:
 *
 *   fluent: mean 238 ms, σ(ln) 0.45 → median 238·e^(−0.45²/2) ≈ 215 ms.
 *     238 ms is the mean inter-key interval of 168,000 people in Dhakal et al., "Observations
 *     on Typing from 136 Million Keystrokes" (CHI 2018). σ = 0.45 puts ~97 % of fluent
 *     intervals under 500 ms, the threshold Chukharev-Hudilainen ("Pauses in spontaneous
 *     written communication", J. of Writing Research 2014) derived from the fitted IKI
 *     distribution as where pauses begin.
 *   pauses: 5 % of gaps, median 1.5 s, σ(ln) 0.6 (68 % between 0.8 and 2.7 s).
 *     Pauses are longer and more frequent at larger text boundaries (word < sentence <
 *     paragraph; e.g. Medimorec & Risko 2017, Conijn et al. 2019); in code the boundaries are
 *     statements and lines. Chukharev-Hudilainen finds pauses over 1.2 s reflect planning beyond
 *     the next phrase; studies of programmers' keystrokes count pauses of 2 s and more as the
 *     shortest "thinking" pauses (Shrestha et al., "Pausing While Programming", ICSE-SEET 2022).
 *     The share is the least pinned-down number: about one such pause per line of code (a line
 *     is a few dozen keys) plus the odd hesitation inside a line gives roughly 1 gap in 20.
 *
 * These describe people in general, not this benchmark's synthetic typist (whose fluent median
 * is 150 ms, faster than the prior's): a faster user makes the prior cautious (the first
 * suggestion comes a little later), a slower one makes it eager until their own gaps replace it.
 */
export interface LogNormal {
  /** Median, ms (e^μ). */
  medianMs: number;
  /** Standard deviation of ln(gap). */
  sigma: number;
}

export interface GapPrior {
  fluent: LogNormal;
  pause: LogNormal;
  /** Share of gaps that are pauses, 0–1. */
  pauseShare: number;
}

export const TYPICAL_PROGRAMMER_GAPS: Readonly<GapPrior> = Object.freeze({
  fluent: Object.freeze({ medianMs: 238 * Math.exp(-(0.45 * 0.45) / 2), sigma: 0.45 }),
  pause: Object.freeze({ medianMs: 1500, sigma: 0.6 }),
  pauseShare: 0.05,
});

/**
 * Gaps after a key that left the cursor at the start of a line's code (typingPoint.ts): the same
 * fluent keys, but 40 % pauses. Most of the prior's "about one pause per line of code" falls at
 * the line boundary — before the next statement is typed, where the boundary is largest — and
 * a line is a few dozen keys with one line start; 40 % leaves room for lines typed straight on
 * and for pauses inside lines. Like the overall share, the least pinned-down number here: the
 * user's own line starts replace it after `lineStart.priorGaps` (8) of them.
 */
export const LINE_START_GAPS: Readonly<GapPrior> = Object.freeze({
  fluent: TYPICAL_PROGRAMMER_GAPS.fluent,
  pause: TYPICAL_PROGRAMMER_GAPS.pause,
  pauseShare: 0.4,
});

/** P(gap ≥ ms) under the prior. */
export function priorSurvival(prior: GapPrior, ms: number): number {
  return (1 - prior.pauseShare) * logNormalSurvival(prior.fluent, ms) + prior.pauseShare * logNormalSurvival(prior.pause, ms);
}

function logNormalSurvival({ medianMs, sigma }: LogNormal, ms: number): number {
  if (!(ms > 0)) return 1;
  return 0.5 * erfc(Math.log(ms / medianMs) / (sigma * Math.SQRT2));
}

/** Complementary error function (Abramowitz & Stegun 7.1.26, absolute error < 1.5e-7). */
function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.3275911 * z);
  const poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const value = poly * Math.exp(-z * z);
  return x >= 0 ? value : 2 - value;
}
