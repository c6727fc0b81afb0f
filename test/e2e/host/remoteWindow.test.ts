/**
 * Issue 11, item 4: where the extension runs. package.json says `["ui", "workspace"]`: local when
 * a local Node extension host exists (VS Code desktop), else on the remote. code-server is VS
 * Code in a browser with a remote server: no local Node host, so the extension must run on the
 * remote (Workspace), and `127.0.0.1` there is the remote machine's loopback.
 */
import * as assert from 'assert';
import * as vscode from 'vscode';
import { manifest } from '../support/paths';
import { EXTENSION_ID, openEditor, startServer, triggerGhostText, useHostTestContext } from './helpers';

describe('remote window (extensionKind)', () => {
  useHostTestContext();

  it('runs on the remote in a browser window, where 127.0.0.1 is the remote machine', async () => {
    assert.deepStrictEqual((manifest() as { extensionKind?: string[] }).extensionKind, ['ui', 'workspace']);
    assert.ok(vscode.env.remoteName, 'code-server windows are remote windows');
    assert.strictEqual(vscode.env.uiKind, vscode.UIKind.Web);
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.strictEqual(extension?.extensionKind, vscode.ExtensionKind.Workspace, 'without a local Node host it must fall back to the remote');
    // The test server listens on this (the extension host's) machine's loopback.
    const server = await startServer();
    await openEditor('const reachable = ', 'ts');
    await triggerGhostText();
    const request = await server.waitForRequest(1);
    assert.match(request.body.prompt, /const reachable/);
  });
});
