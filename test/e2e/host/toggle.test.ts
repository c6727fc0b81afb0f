import * as assert from 'assert';
import * as vscode from 'vscode';
import { OpenAiTestServer } from '../../support/openAiTestServer';
import { PromptStub, SECTION, activateExtension, closeAllEditors, openEditor, resetSettings, sleep, startServer, triggerGhostText, typeText } from './helpers';

describe('Toggle Ghost Text', () => {
  let stub: PromptStub;
  let server: OpenAiTestServer | undefined;

  beforeEach(async () => {
    await activateExtension();
    await resetSettings();
    stub = new PromptStub().install();
  });

  afterEach(async () => {
    stub.uninstall();
    await closeAllEditors();
    await server?.close();
    server = undefined;
    await resetSettings();
  });

  it('turns ghost text off (no request) and on again, in the user settings', async () => {
    server = await startServer();
    await openEditor('package main\n\nfunc main() {\n\t', 'go');
    await vscode.commands.executeCommand('cometComplete.toggleInline');
    assert.strictEqual(vscode.workspace.getConfiguration(SECTION).inspect('inline.enabled')?.globalValue, false);
    await typeText('fmt');
    await triggerGhostText();
    await sleep(300); // the debounced typing request would have left by now
    assert.strictEqual(server.requests.length, 0, 'ghost text asked the server although it is off');

    await vscode.commands.executeCommand('cometComplete.toggleInline');
    assert.strictEqual(vscode.workspace.getConfiguration(SECTION).get('inline.enabled'), true);
    await typeText('.');
    await server.waitForRequest(1);
  });
});
