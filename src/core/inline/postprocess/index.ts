/**
 * The post-processing pipeline for ghost text, in the order it runs. Each step is one file
 * exporting a `(context) => (text) => text` factory (see postprocessContext.ts).
 *
 *   1. cutAtStops               every stop the request meant, even those beyond the API's 4
 *   2. matchIndentation         tabs ↔ spaces first, so later steps compare real columns
 *   3. removeRepeatedLines      cut degenerate loops before anything measures the text
 *   4. limitToBlockScope        multi-line: stop where the code dedents out of its block
 *   5. removeSuffixDuplication  drop lines / closers that already follow the cursor
 *   6. limitLines               at most `maxLines` lines
 *   7. trimWhitespace           trailing whitespace, trailing blank lines, doubled space
 *   8. dropWhitespaceOnly       nothing visible left → ''
 *
 * `lowConfidenceFilter` needs token logprobs, so it is applied by the caller after this
 * pipeline (see lowConfidenceFilter.ts). `shouldStopStream` (streamStopCheck.ts) tells a
 * streaming caller when the rest of the answer can no longer change what is shown.
 */
import { cutAtStops } from './cutAtStops';
import { dropWhitespaceOnly } from './dropWhitespaceOnly';
import { limitLines } from './limitLines';
import { limitToBlockScope } from './limitToBlockScope';
import { matchIndentation } from './matchIndentation';
import type { PostprocessContext, PostprocessFilter, PostprocessFilterFactory } from './postprocessContext';
import { removeRepeatedLines } from './removeRepeatedLines';
import { removeSuffixDuplication } from './removeSuffixDuplication';
import { trimWhitespace } from './trimWhitespace';

export interface PostprocessStep {
  name: string;
  factory: PostprocessFilterFactory;
}

/** The pipeline, in order. */
export const POSTPROCESS_STEPS: readonly PostprocessStep[] = Object.freeze([
  { name: 'cutAtStops', factory: cutAtStops },
  { name: 'matchIndentation', factory: matchIndentation },
  { name: 'removeRepeatedLines', factory: removeRepeatedLines },
  { name: 'limitToBlockScope', factory: limitToBlockScope },
  { name: 'removeSuffixDuplication', factory: removeSuffixDuplication },
  { name: 'limitLines', factory: limitLines },
  { name: 'trimWhitespace', factory: trimWhitespace },
  { name: 'dropWhitespaceOnly', factory: dropWhitespaceOnly },
]);

/** One function running every step for this context; '' means "show nothing". */
export function createPostprocessor(
  context: PostprocessContext,
  steps: readonly PostprocessStep[] = POSTPROCESS_STEPS,
): PostprocessFilter {
  const filters = steps.map((step) => step.factory(context));
  return (text) => {
    let result = text;
    for (const filter of filters) {
      if (result === '') return '';
      result = filter(result);
    }
    return result;
  };
}

export function postprocessCompletion(context: PostprocessContext, text: string): string {
  return createPostprocessor(context)(text);
}

/** Every candidate through the pipeline; empty results and duplicates dropped, order kept. */
export function postprocessCandidates(context: PostprocessContext, texts: readonly string[]): string[] {
  const run = createPostprocessor(context);
  const seen = new Set<string>();
  const result: string[] = [];
  for (const text of texts) {
    const processed = run(text);
    if (processed === '' || seen.has(processed)) continue;
    seen.add(processed);
    result.push(processed);
  }
  return result;
}

export { cutAtStops } from './cutAtStops';
export { dropWhitespaceOnly } from './dropWhitespaceOnly';
export { limitLines } from './limitLines';
export { limitToBlockScope, isClosingLine, isContinuationClause } from './limitToBlockScope';
export { matchIndentation } from './matchIndentation';
export { removeRepeatedLines, findRepetitionCut } from './removeRepeatedLines';
export { removeSuffixDuplication } from './removeSuffixDuplication';
export { trimWhitespace } from './trimWhitespace';
export { lowConfidenceFilter, isLowConfidence, meanTokenLogprob } from './lowConfidenceFilter';
export { shouldStopStream } from './streamStopCheck';
export * from './postprocessContext';
