/**
 * Hides a suggestion the model itself was unsure of: when the mean log probability of its
 * tokens is below a threshold (e.g. -1.0 ≈ geometric-mean token probability 37 %), the
 * suggestion becomes ''. `threshold: null` turns the filter off (the default).
 *
 * Only the tokens that produced the text that survived post-processing count: tokens are
 * taken in order while their start offset is below `keptChars` (by default the length of the
 * text given), because a good first line followed by cut-off rambling should not be hidden
 * for the rambling. Non-finite logprobs are skipped. With no usable token (server sent no
 * logprobs) nothing is hidden: no evidence, no verdict.
 *
 * Shape: unlike the text filters it needs the tokens, so it is
 * `(threshold) => (text, tokens) => text | ''`, applied after the text pipeline.
 */
import type { TokenLogprob } from '../../client/completionTypes';

/** Mean logprob of the tokens that start before `keptChars`, or null when there is none. */
export function meanTokenLogprob(tokens: readonly TokenLogprob[], keptChars = Infinity): number | null {
  let sum = 0;
  let counted = 0;
  let offset = 0;
  for (const token of tokens) {
    if (offset >= keptChars) break;
    offset += token.token.length;
    if (!Number.isFinite(token.logprob)) continue;
    sum += token.logprob;
    counted++;
  }
  return counted === 0 ? null : sum / counted;
}

export function isLowConfidence(
  tokens: readonly TokenLogprob[],
  threshold: number | null,
  keptChars = Infinity,
): boolean {
  if (threshold === null || !Number.isFinite(threshold)) return false;
  const mean = meanTokenLogprob(tokens, keptChars);
  return mean !== null && mean < threshold;
}

export const lowConfidenceFilter =
  (threshold: number | null) =>
  (text: string, tokens: readonly TokenLogprob[]): string =>
    text !== '' && isLowConfidence(tokens, threshold, Math.max(1, text.length)) ? '' : text;
