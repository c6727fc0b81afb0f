/**
 * Issue 11, item 6: nothing is sent from files that look like secrets, nor from VS Code's own
 * settings files; the status menu says why; a workspace can add patterns but never drop one.
 * Absence is checked by order: after the excluded file, a normal file is asked for ghost text,
 * and its request must be the first the server sees (an explicit trigger is sent at once).
 */
import * as assert from 'assert';
import * as vscode from 'vscode';
import { closeAllEditors, openEditor, startServer, triggerGhostText, useHostTestContext, workspaceFolder } from './helpers';

let counter = 0;

/** Writes `name` into a fresh folder of the workspace and opens it with the cursor at the end. */
async function openNamed(name: string, content: string): Promise<vscode.TextEditor> {
  const uri = vscode.Uri.joinPath(workspaceFolder(), `secrets-${Date.now()}-${++counter}`, name);
  await vscode.workspace.fs.writeFile(uri, Buffer.from(content, 'utf8'));
  const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { preview: false });
  const end = editor.document.positionAt(content.length);
  editor.selection = new vscode.Selection(end, end);
  return editor;
}

async function menuLabels(ctx: { stub: { quickPicks: { items: vscode.QuickPickItem[] }[] } }): Promise<string[]> {
  const before = ctx.stub.quickPicks.length;
  await vscode.commands.executeCommand('cometComplete.showMenu');
  const shown = ctx.stub.quickPicks[before];
  assert.ok(shown, 'the status menu did not open');
  return shown.items.map((item) => `${item.label}${item.description ? ` — ${item.description}` : ''}`);
}

describe('secret files are never sent', () => {
  const ctx = useHostTestContext({
    resetSettingsAfter: true,
    beforeCleanup: async () => {
      await vscode.workspace.getConfiguration('cometComplete').update('excludeFiles', undefined, vscode.ConfigurationTarget.Workspace);
    },
  });

  it('.env, a key and an id_rsa file: no ghost text request, Complete Selection refuses, the status menu says why', async () => {
    const server = await startServer();
    for (const [name, content] of [['.env', 'API_TOKEN=sk-live-'], ['server.key', '-----BEGIN PRIVATE KEY-----\nMIIE'], ['id_rsa', 'b3BlbnNzaC1rZXkt']]) {
      const editor = await openNamed(name, content);
      await triggerGhostText();
      const labels = await menuLabels(ctx);
      assert.ok(labels.some((l) => l.startsWith('$(lock) Off for this file') && l.includes('excludeFiles')), `menu for ${name}: ${labels.join(' | ')}`);
      editor.selection = new vscode.Selection(editor.document.positionAt(0), editor.document.positionAt(content.length));
      await vscode.commands.executeCommand('cometComplete.completeSelection');
      const refusal = ctx.stub.messages.at(-1);
      assert.match(refusal?.message ?? '', /nothing is sent from this file/, `no refusal for ${name}: ${JSON.stringify(ctx.stub.messages)}`);
    }
    await openEditor('def area(r):\n    return ', 'py');
    await triggerGhostText();
    const first = await server.waitForRequest(1);
    assert.match(first.body.prompt, /def area/, `the first request was not from the normal file: ${JSON.stringify(first.body.prompt)}`);
    assert.ok(server.requests.every((r) => !/sk-live|PRIVATE KEY|b3BlbnNzaC/.test(JSON.stringify(r.body))), 'secret text reached the server');
    const labels = await menuLabels(ctx);
    assert.ok(!labels.some((l) => l.includes('Off for this file')), `a normal file is shown as excluded: ${labels.join(' | ')}`);
  });

  it("VS Code's own user settings.json sends nothing", async () => {
    const server = await startServer();
    await vscode.commands.executeCommand('workbench.action.openSettingsJson');
    const editor = vscode.window.activeTextEditor;
    assert.ok(editor, 'no editor for the user settings.json');
    console.log(`[secrets] user settings.json is ${editor.document.uri.scheme}:${editor.document.uri.path}`);
    const end = editor.document.positionAt(editor.document.getText().lastIndexOf('}'));
    editor.selection = new vscode.Selection(end, end);
    await triggerGhostText();
    await closeAllEditors();
    await openEditor('const answer = ', 'ts');
    await triggerGhostText();
    const first = await server.waitForRequest(1);
    assert.match(first.body.prompt, /const answer/, `the first request came from settings.json: ${JSON.stringify(first.body.prompt).slice(0, 200)}`);
  });

  it('a workspace can add patterns but not remove the defaults', async () => {
    const server = await startServer();
    const config = vscode.workspace.getConfiguration('cometComplete');
    await config.update('excludeFiles', ['*.private'], vscode.ConfigurationTarget.Workspace);
    await openNamed('.env.local', 'DB_PASSWORD=hunter2');
    await triggerGhostText();
    await openNamed('notes.private', 'my private notes ');
    await triggerGhostText();
    assert.ok((await menuLabels(ctx)).some((l) => l.includes('“*.private”')), 'the workspace pattern is not in effect');
    await openEditor('let total = ', 'ts');
    await triggerGhostText();
    const first = await server.waitForRequest(1);
    assert.match(first.body.prompt, /let total/);
    assert.ok(server.requests.every((r) => !/hunter2|private notes/.test(JSON.stringify(r.body))), 'an excluded file was sent');
  });
});
