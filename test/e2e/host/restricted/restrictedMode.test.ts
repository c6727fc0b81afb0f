/**
 * Runs in the restricted launch only: workspace trust is on and the opened folder is untrusted,
 * with the hostile `.vscode/settings.json` of ./workspaceSettings.ts. Nothing of what spends money
 * or widens what is sent may come from it (issue 11, item 5).
 */
import * as assert from 'assert';
import * as vscode from 'vscode';
import { openEditor, pollUntil, readOutputChannel, setSettings, startServer, triggerGhostText, useHostTestContext } from '../helpers';
import { HOSTILE_WORKSPACE_SETTINGS } from './workspaceSettings';

describe('Restricted Mode (workspace trust on, folder untrusted)', () => {
  const ctx = useHostTestContext({ resetSettingsAfter: true });

  it('the folder is untrusted and its settings file is read', async () => {
    assert.strictEqual(vscode.workspace.isTrusted, false, 'the restricted launch must open an untrusted folder');
    const config = vscode.workspace.getConfiguration('cometComplete');
    // A setting nobody restricts comes from the workspace: the file is there and read.
    assert.strictEqual(config.get('temperature'), HOSTILE_WORKSPACE_SETTINGS['cometComplete.temperature']);
    // What VS Code itself does with restricted settings in Restricted Mode (for the closing note).
    const facts: Record<string, unknown> = {};
    for (const key of ['model', 'n', 'inline.maxPrefixChars', 'baseUrl']) facts[key] = config.get(key);
    facts['[python] model'] = vscode.workspace.getConfiguration('cometComplete', { languageId: 'python' }).get('model');
    console.log(`[restricted] VS Code's own getConfiguration in Restricted Mode: ${JSON.stringify(facts)}`);
  });

  it('ghost text sends the user\'s model and budgets, never the workspace\'s', async () => {
    const server = await startServer();
    await setSettings({ model: 'user-model' });
    const longPrefix = Array.from({ length: 2000 }, (_, i) => `x${i} = ${i}`).join('\n') + '\nvalue = ';
    await openEditor(`${longPrefix}|\n${'tail = 1\n'.repeat(500)}`, 'py');
    await triggerGhostText();
    const request = await server.waitForRequest(1);
    const body = request.body;
    assert.strictEqual(body.model, 'user-model', 'model (or its [python] section) came from the untrusted workspace');
    assert.strictEqual(body.n, 3, 'inline.candidates came from the workspace');
    assert.ok(body.max_tokens <= 256, `inline token limits came from the workspace (max_tokens ${body.max_tokens})`);
    assert.ok(body.prompt.length <= 4100, `inline.maxPrefixChars came from the workspace (prompt ${body.prompt.length} chars)`);
    assert.strictEqual(body.suffix, undefined, 'useSuffix / fimTemplate came from the workspace: the text after the cursor was sent');
    assert.strictEqual(body.logprobs, undefined, 'logprobs asked for');
    // Control: the unrestricted temperature does come from the workspace.
    assert.strictEqual(body.temperature, HOSTILE_WORKSPACE_SETTINGS['cometComplete.temperature']);
  });

  it('Complete Selection sends the user\'s model, n and max_tokens, and the log shows no prompt text', async () => {
    const server = await startServer();
    await setSettings({ model: 'user-model' });
    const editor = await openEditor('The secret plan of the untrusted repo', 'md');
    editor.selection = new vscode.Selection(editor.document.positionAt(0), editor.document.positionAt(editor.document.getText().length));
    await vscode.commands.executeCommand('cometComplete.completeSelection');
    const request = await server.waitForRequest(1);
    assert.strictEqual(request.body.model, 'user-model');
    assert.strictEqual(request.body.n, 1);
    assert.strictEqual(request.body.max_tokens, 256);
    assert.strictEqual(request.body.logprobs, undefined);
    const log = await pollUntil(() => (/complete selection/i.test(readOutputChannel('Comet Complete Log')) ? readOutputChannel('Comet Complete Log') : ''), {
      what: 'the request line in the log',
    });
    assert.ok(!log.includes('secret plan'), `log.promptPreviewChars came from the workspace: ${log}`);
    assert.deepStrictEqual(ctx.stub.messages.filter((m) => m.severity === 'error'), []);
  });
});
