import * as vscode from 'vscode';
import { ghostTextSample } from '../core/walkthrough/sampleFile';

/**
 * "Open Ghost Text Sample" (a walkthrough step): an untitled TypeScript file with an unfinished
 * function, the cursor where a completion belongs, and ghost text asked for at once.
 */
export async function openSampleFile(): Promise<vscode.TextEditor> {
  const sample = ghostTextSample();
  const document = await vscode.workspace.openTextDocument({ language: sample.languageId, content: sample.content });
  const editor = await vscode.window.showTextDocument(document, { preview: false });
  const cursor = document.positionAt(sample.cursorOffset);
  editor.selection = new vscode.Selection(cursor, cursor);
  editor.revealRange(new vscode.Range(cursor, cursor));
  await vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
  return editor;
}
