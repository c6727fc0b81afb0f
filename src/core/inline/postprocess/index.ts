/**
 * The post-processing pipeline for ghost text, in the order it runs. Each step is one file
 * exporting a `(context) => (text) => text` factory (see postprocessContext.ts).
 *
 *   1. cutAtStops               every stop the request meant, even those beyond the API's 4
 *   2. matchIndentation         tabs ↔ spaces first, so later steps compare real columns
 *   3. reindentToBlock          multi-line: indentation consistently off → shifted to the block's level
 *   4. cutAtShiftedStops        a stop the shift made (`\ndef ` once a nested `def` moved to column 0)
 *   5. removeRepeatedLines      cut degenerate loops before anything measures the text
 *   6. limitToBlockScope        multi-line: stop where the code dedents out of its block
 *   7. dropUnmatchedClosers     closers that close nothing the code before the cursor opened
 *   8. removeSuffixDuplication  drop lines / closers that already follow the cursor
 *   9. limitLines               at most `maxLines` lines
 *  10. trimWhitespace           trailing whitespace, trailing blank lines, doubled space
 *  11. dropWhitespaceOnly       nothing visible left → ''
 *
 * Only the two stop cuts, removeSuffixDuplication (a suggestion that only repeats what follows the
 * cursor) and dropWhitespaceOnly may leave nothing; every other step shifts or cuts, keeping
 * the sound part before the problem (issue 15: showing nothing is a lost suggestion).
 *
 * The steps and the function running them are in postprocessPipeline.ts. `lowConfidenceFilter`
 * needs token logprobs, so it is applied by the caller after this pipeline (see
 * lowConfidenceFilter.ts). A streaming caller uses `StreamingPostprocessor`
 * (streamingPostprocessor.ts): the same result for the complete lines, line by line, and the
 * moment the rest of the answer can no longer change it; `shouldStopStream` (streamStopCheck.ts)
 * asks the same of a whole text at once.
 */
export { POSTPROCESS_STEPS, composeFilters, createPostprocessor, postprocessCompletion, postprocessCandidates } from './postprocessPipeline';
export type { PostprocessStep } from './postprocessPipeline';
export { PreparedPostprocessing } from './preparedPostprocessing';
export { StreamingPostprocessor } from './streamingPostprocessor';
export type { EnoughReason } from './streamingPostprocessor';
export { cutAtStops } from './cutAtStops';
export { dropUnmatchedClosers } from './dropUnmatchedClosers';
export { dropWhitespaceOnly } from './dropWhitespaceOnly';
export { limitLines } from './limitLines';
export { limitToBlockScope, isClosingLine, isContinuationClause } from './limitToBlockScope';
export { matchIndentation } from './matchIndentation';
export { reindentToBlock } from './reindentToBlock';
export { removeRepeatedLines, findRepetitionCut, findTruncatedLoopCut } from './removeRepeatedLines';
export { removeSuffixDuplication } from './removeSuffixDuplication';
export { trimWhitespace } from './trimWhitespace';
export { lowConfidenceFilter, isLowConfidence, meanTokenLogprob } from './lowConfidenceFilter';
export { shouldStopStream } from './streamStopCheck';
export * from './postprocessContext';
