/**
 * Issue 11, item 2: settings are read in the document's scope. A `[python]` section of the user
 * settings applies to Python files only; in a multi-root workspace a folder's settings apply to
 * its files (and a folder cannot move the base URL: it is application-scoped).
 */
import * as assert from 'assert';
import * as vscode from 'vscode';
import { openEditor, pollUntil, startServer, triggerGhostText, useHostTestContext } from './helpers';

describe('settings in their scope', function () {
  // Several editors, settings writes and a workspace change: slow on a loaded machine.
  this.timeout(120_000);
  let addedFolder: vscode.Uri | undefined;
  useHostTestContext({
    resetSettingsAfter: true,
    beforeCleanup: async () => {
      const config = vscode.workspace.getConfiguration('cometComplete', { languageId: 'python' });
      await config.update('model', undefined, vscode.ConfigurationTarget.Global, true);
      await config.update('inline.maxTokens', undefined, vscode.ConfigurationTarget.Global, true);
      const md = vscode.workspace.getConfiguration('cometComplete', { languageId: 'markdown' });
      await md.update('inline.enabled', undefined, vscode.ConfigurationTarget.Global, true);
      if (addedFolder) {
        const index = vscode.workspace.workspaceFolders?.findIndex((f) => f.uri.toString() === addedFolder!.toString()) ?? -1;
        if (index > 0) {
          vscode.workspace.updateWorkspaceFolders(index, 1);
          await pollUntil(() => (vscode.workspace.workspaceFolders?.length ?? 0) === index, { what: 'the added folder to be removed' });
        }
        addedFolder = undefined;
      }
    },
  });

  it('a [python] section applies to Python files only; [markdown] can turn ghost text off', async () => {
    const server = await startServer();
    await vscode.workspace.getConfiguration('cometComplete', { languageId: 'python' })
      .update('model', 'python-model', vscode.ConfigurationTarget.Global, true);
    await vscode.workspace.getConfiguration('cometComplete', { languageId: 'python' })
      .update('inline.maxTokens', 7, vscode.ConfigurationTarget.Global, true);
    await vscode.workspace.getConfiguration('cometComplete', { languageId: 'markdown' })
      .update('inline.enabled', false, vscode.ConfigurationTarget.Global, true);

    await openEditor('Some prose about ', 'md');
    await triggerGhostText();
    await openEditor('def area(r):\n    return r * ', 'py');
    await triggerGhostText();
    const py = await server.waitForRequest(1);
    assert.match(py.body.prompt, /def area/, 'the markdown file was sent although [markdown] turned ghost text off');
    assert.strictEqual(py.body.model, 'python-model');
    assert.strictEqual(py.body.max_tokens, 7);

    await openEditor('function area(r) {\n  return r * ', 'ts');
    await triggerGhostText();
    const ts = await server.waitForRequest((r) => /function area/.test(r.body.prompt));
    assert.strictEqual(ts.body.model, 'gpt-3.5-turbo-instruct', 'the [python] model leaked into TypeScript');
    assert.notStrictEqual(ts.body.max_tokens, 7);
  });

  // Per-folder settings in a multi-root workspace: the multiroot launch (multiroot/folderSettings.test.ts)
  // opens a .code-workspace; a folder added at runtime here never had its settings read by code-server.
});
