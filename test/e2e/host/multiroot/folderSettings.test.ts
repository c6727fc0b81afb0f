/**
 * Runs in the multiroot launch only (a .code-workspace with two folders, see workspaceFolders.ts).
 * Issue 11, item 2: settings are read in the document's scope, so in a multi-root workspace a
 * folder's settings apply to its own files and no others; its base URL never applies.
 */
import * as assert from 'assert';
import * as vscode from 'vscode';
import { pollUntil, startServer, triggerGhostText, useHostTestContext } from '../helpers';
import { FOLDER_A, FOLDER_B } from './workspaceFolders';

function folderNamed(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.find((f) => f.name === name);
  assert.ok(folder, `the multiroot launch must open ${name} (folders: ${vscode.workspace.workspaceFolders?.map((f) => f.name).join(', ')})`);
  return folder.uri;
}

async function openAtEnd(uri: vscode.Uri, text: string): Promise<void> {
  await vscode.workspace.fs.writeFile(uri, Buffer.from(text, 'utf8'));
  const editor = await vscode.window.showTextDocument(uri, { preview: false });
  const end = editor.document.positionAt(editor.document.getText().length);
  editor.selection = new vscode.Selection(end, end);
}

describe('multi-root workspace', function () {
  this.timeout(120_000);
  const written: vscode.Uri[] = [];
  useHostTestContext({
    beforeCleanup: async () => {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      for (const uri of written.splice(0)) await vscode.workspace.fs.delete(uri).then(undefined, () => undefined);
    },
  });

  it("a folder's settings apply to its files only; its baseUrl does not apply", async () => {
    const server = await startServer();
    const a = folderNamed(FOLDER_A);
    const b = folderNamed(FOLDER_B);
    // VS Code reads the second folder's .vscode/settings.json on its own schedule.
    await pollUntil(() => vscode.workspace.getConfiguration('cometComplete', b).get('model') === 'folder-b-model', {
      what: "folder-b's settings to be read",
      timeoutMs: 30_000,
      detail: () => JSON.stringify(vscode.workspace.getConfiguration('cometComplete', b).inspect('model')),
    });

    const inB = vscode.Uri.joinPath(b, 'volume.py');
    written.push(inB);
    await openAtEnd(inB, 'def volume(r):\n    return r * ');
    await triggerGhostText();
    const fromB = await server.waitForRequest((r) => /def volume/.test(r.body.prompt), 15_000);
    assert.strictEqual(fromB.body.model, 'folder-b-model', "folder-b's model did not apply to its file");
    assert.strictEqual(fromB.body.max_tokens, 9, "folder-b's inline.maxTokens did not apply to its file");

    const inA = vscode.Uri.joinPath(a, 'area.py');
    written.push(inA);
    await openAtEnd(inA, 'def area(r):\n    return r * ');
    await triggerGhostText();
    const fromA = await server.waitForRequest((r) => /def area/.test(r.body.prompt), 15_000);
    assert.notStrictEqual(fromA.body.model, 'folder-b-model', "folder-b's model leaked into folder-a");
    assert.notStrictEqual(fromA.body.max_tokens, 9, "folder-b's token cap leaked into folder-a");
  });
});
