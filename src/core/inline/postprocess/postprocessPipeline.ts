/**
 * The pipeline itself: its steps in order (see index.ts for what each does) and the function
 * that runs them.
 */
import { cutAtShiftedStops, cutAtStops } from './cutAtStops';
import { dropUnmatchedClosers } from './dropUnmatchedClosers';
import { dropWhitespaceOnly } from './dropWhitespaceOnly';
import { limitLines } from './limitLines';
import { limitToBlockScope } from './limitToBlockScope';
import { matchIndentation } from './matchIndentation';
import type { PostprocessContext, PostprocessFilter, PostprocessFilterFactory } from './postprocessContext';
import { reindentToBlock } from './reindentToBlock';
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
  { name: 'reindentToBlock', factory: reindentToBlock },
  { name: 'cutAtShiftedStops', factory: cutAtShiftedStops },
  { name: 'removeRepeatedLines', factory: removeRepeatedLines },
  { name: 'limitToBlockScope', factory: limitToBlockScope },
  { name: 'dropUnmatchedClosers', factory: dropUnmatchedClosers },
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
  return composeFilters(steps.map((step) => step.factory(context)));
}

/** Runs `filters` in order; once one returns '' the rest are skipped. */
export function composeFilters(filters: readonly PostprocessFilter[]): PostprocessFilter {
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
