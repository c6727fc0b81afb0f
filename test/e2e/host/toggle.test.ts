import * as assert from 'assert';
import * as vscode from 'vscode';
import { OpenAiTestServer } from '../../support/openAiTestServer';
import {
  SECTION,
  openEditor,
  sleep,
  startServer,
  triggerGhostText,
  typeText,
  useHostTestContext,
} from './helpers';

describe('Toggle Ghost Text', () => {
  useHostTestContext({
    resetSettingsAfter: true,
  });
  let server: OpenAiTestServer | undefined;

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
