/**
 * Rewrites the leading whitespace of each suggested line in the editor's style: tabs become
 * spaces (tab stops every `tabSize`) when the editor inserts spaces; runs of spaces become tabs
 * when it inserts tabs (a remainder narrower than a tab stays as spaces). The visual column of
 * every line is kept. The first line is touched only when the cursor sits in indentation
 * (blank line prefix), since otherwise its leading whitespace is not indentation.
 */
import { columnAfter, isBlank, leadingWhitespace, linePrefixOf, PostprocessContext, PostprocessFilterFactory } from './postprocessContext';

function reindent(line: string, startColumn: number, insertSpaces: boolean, tabSize: number): string {
  const whitespace = leadingWhitespace(line);
  if (whitespace === '') return line;
  const endColumn = columnAfter(whitespace, tabSize, startColumn);
  let replacement: string;
  if (insertSpaces) {
    replacement = ' '.repeat(endColumn - startColumn);
  } else {
    const size = Math.max(1, Math.floor(tabSize) || 1);
    const tabs = Math.floor(endColumn / size) - Math.floor(startColumn / size);
    replacement = tabs > 0 ? '\t'.repeat(tabs) + ' '.repeat(endColumn % size) : ' '.repeat(endColumn - startColumn);
  }
  return replacement + line.slice(whitespace.length);
}

/**
 * The rewrite of one suggested line (index 0 continues the cursor's line), for callers that
 * see the lines one at a time (streamingPostprocessor.ts); the filter below maps it over all.
 */
export function lineReindenter(context: PostprocessContext): (line: string, index: number) => string {
  const { insertSpaces, tabSize } = context.indent;
  const linePrefix = linePrefixOf(context.prefix);
  const firstLineIsIndentation = isBlank(linePrefix);
  const firstLineStart = columnAfter(linePrefix, tabSize);
  return (line, index) => {
    if (index === 0) return firstLineIsIndentation ? reindent(line, firstLineStart, insertSpaces, tabSize) : line;
    return reindent(line, 0, insertSpaces, tabSize);
  };
}

export const matchIndentation: PostprocessFilterFactory = (context) => {
  const rewrite = lineReindenter(context);
  return (text) => text.split('\n').map(rewrite).join('\n');
};
