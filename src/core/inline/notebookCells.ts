/**
 * Ghost text in a notebook cell (Jupyter `.ipynb`): the prompt continues the notebook, not just
 * the cell. The code cells above the cursor's cell — same language, in order, as a script would
 * hold them — come before the cell's own text, so the model knows the imports, variables and
 * functions defined earlier. Only what fits the prompt budget is kept, the nearest cells first;
 * the oldest kept cell is cut at a line start. Markdown and output are left out.
 *
 * Pure: the adapter (inlineCompletionProvider.ts) gathers the cells; the request builder's
 * prompt window then applies the usual character and line budget to the whole prefix.
 */

/** A cell of the notebook, as text. */
export interface NotebookCellText {
  kind: 'code' | 'markup';
  languageId: string;
  text: string;
}

/** Between cells: a blank line, as cells read when a notebook is exported as a script. */
export const CELL_SEPARATOR = '\n\n';

/**
 * `cellPrefix` (the text before the cursor in its cell) preceded by the code cells before it
 * (`before`, in notebook order) of language `languageId`, at most `maxChars` characters in all.
 * The cell's own prefix is never cut here (the prompt window does that, as for any document).
 */
export function prefixWithPrecedingCells(
  cellPrefix: string,
  before: readonly NotebookCellText[],
  languageId: string,
  maxChars: number,
): string {
  let room = maxChars - cellPrefix.length;
  const kept: string[] = [];
  for (let i = before.length - 1; i >= 0 && room > 0; i--) {
    const cell = before[i];
    if (cell.kind !== 'code' || cell.languageId !== languageId) continue;
    const text = cell.text.replace(/\s+$/, '');
    if (text === '') continue;
    const needed = text.length + CELL_SEPARATOR.length;
    if (needed <= room) {
      kept.unshift(text);
      room -= needed;
      continue;
    }
    // The oldest cell that fits only in part: its last lines, from a line start.
    const tail = text.slice(text.length - (room - CELL_SEPARATOR.length));
    const lineStart = tail.indexOf('\n');
    if (lineStart >= 0 && lineStart + 1 < tail.length) kept.unshift(tail.slice(lineStart + 1));
    break;
  }
  return kept.length === 0 ? cellPrefix : kept.join(CELL_SEPARATOR) + CELL_SEPARATOR + cellPrefix;
}
