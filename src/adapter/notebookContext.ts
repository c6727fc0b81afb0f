import * as vscode from 'vscode';
import { NotebookCellText, prefixWithPrecedingCells } from '../core/inline/notebookCells';

/**
 * For a notebook cell: the cell's prefix preceded by the notebook's code cells above it
 * (core/inline/notebookCells.ts), at most `maxChars` in all. Any other document: `cellPrefix`.
 * Reads only the cells the budget can hold, nearest first.
 */
export function prefixInNotebook(document: vscode.TextDocument, cellPrefix: string, maxChars: number): string {
  if (document.uri.scheme !== 'vscode-notebook-cell' || cellPrefix.length >= maxChars) return cellPrefix;
  const notebook = vscode.workspace.notebookDocuments.find((nb) => nb.uri.path === document.uri.path) ?? findByCell(document);
  if (!notebook) return cellPrefix;
  const cells = notebook.getCells();
  const index = cells.findIndex((cell) => cell.document === document);
  if (index <= 0) return cellPrefix;
  const before: NotebookCellText[] = [];
  let chars = cellPrefix.length;
  for (let i = index - 1; i >= 0 && chars < maxChars; i--) {
    const cell = cells[i];
    if (cell.kind !== vscode.NotebookCellKind.Code || cell.document.languageId !== document.languageId) continue;
    const text = cell.document.getText();
    before.unshift({ kind: 'code', languageId: cell.document.languageId, text });
    chars += text.length;
  }
  return prefixWithPrecedingCells(cellPrefix, before, document.languageId, maxChars);
}

function findByCell(document: vscode.TextDocument): vscode.NotebookDocument | undefined {
  return vscode.workspace.notebookDocuments.find((nb) => nb.getCells().some((cell) => cell.document === document));
}
