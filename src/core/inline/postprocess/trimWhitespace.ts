/**
 * Whitespace clean-up: trailing whitespace goes from every line and trailing blank lines go
 * from the end; when the cursor already follows a space (after code, not in indentation),
 * leading spaces/tabs of the suggestion go too, so `x =␠` + `␠5` does not become `x =  5`.
 * Exception: when the cursor's line goes on after the cursor with a non-space character, the
 * suggestion's final whitespace separates it from that text (`await␠` + `getUser(id)`) and stays.
 */
import { isBlank, linePrefixOf, lineSuffixOf, PostprocessContext, PostprocessFilterFactory } from './postprocessContext';

/** The two context-dependent rules above, for this request. */
export interface TrimRules {
  /** The cursor follows a space after code: the suggestion's leading spaces go. */
  afterSpace: boolean;
  /** The cursor's line goes on with a non-space: the final line keeps its trailing whitespace. */
  keepFinalSpace: boolean;
}

export function trimRules(context: PostprocessContext): TrimRules {
  const linePrefix = linePrefixOf(context.prefix);
  const restOfLine = lineSuffixOf(context.suffix);
  // Characters compared, no regular expressions: this runs once per request, cold.
  const last = linePrefix[linePrefix.length - 1];
  return {
    afterSpace: (last === ' ' || last === '\t') && !isBlank(linePrefix),
    // A first character that trim() keeps is one \s does not match.
    keepFinalSpace: restOfLine !== '' && restOfLine[0].trim() !== '',
  };
}

export const trimWhitespace: PostprocessFilterFactory = (context) => {
  const { afterSpace, keepFinalSpace } = trimRules(context);
  return (text) => {
    const raw = text.split('\n');
    const lines = raw.map((line) => line.trimEnd());
    // The final line runs into the rest of the cursor's line: its spacing is meaningful.
    const last = raw.length - 1;
    if (keepFinalSpace && !isBlank(raw[last])) lines[last] = raw[last];
    while (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
    let result = lines.join('\n');
    if (afterSpace) result = result.replace(/^[ \t]+/, '');
    return result;
  };
};
