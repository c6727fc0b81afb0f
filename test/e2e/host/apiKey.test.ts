import * as assert from 'assert';
import * as vscode from 'vscode';
import { OpenAiTestServer } from '../../support/openAiTestServer';
import {
  closeAfterTest,
  openEditor,
  pollUntil,
  setSettings,
  sleep,
  startServer,
  triggerGhostText,
  typeText,
  useHostTestContext,
} from './helpers';

describe('API key', () => {
  const ctx = useHostTestContext();

  async function server(key?: string | null): Promise<OpenAiTestServer> {
    return startServer({ key });
  }

  it('with no key, ghost text sends no request and asks for a key once', async () => {
    const s = await server(null);
    await openEditor('function main() {\n  ');
    await triggerGhostText();
    await typeText('co');
    await triggerGhostText();
    await pollUntil(() => ctx.stub.keyPrompts().length > 0, { what: 'the extension to ask for an API key' });
    await triggerGhostText();
    await sleep(300); // a last debounced (typing) request would have left by now
    assert.strictEqual(s.requests.length, 0, 'a request was sent although no API key is stored');
    assert.strictEqual(ctx.stub.keyPrompts().length, 1, `asked ${ctx.stub.keyPrompts().length} times: ${JSON.stringify(ctx.stub.keyPrompts())}`);
    assert.ok(ctx.stub.keyPrompts()[0].message.includes(s.origin), `the prompt does not name the endpoint: ${ctx.stub.keyPrompts()[0].message}`);
  });

  it('Set API Key asks in a password box, stores the key, and the next request carries it', async () => {
    const s = await server(null);
    ctx.stub.inputAnswers = ['sk-e2e-typed-key'];
    await vscode.commands.executeCommand('cometComplete.setApiKey');
    assert.strictEqual(ctx.stub.inputBoxes.length, 1, 'Set API Key showed no input box');
    assert.strictEqual(ctx.stub.inputBoxes[0].password, true, 'the API key input box is not a password box');
    await openEditor('const answer = ');
    await triggerGhostText();
    const request = await s.waitForRequest(1);
    assert.strictEqual(request.headers.authorization, 'Bearer sk-e2e-typed-key');
  });

  it('Clear API Key deletes the key: nothing is sent and the user is asked again', async () => {
    const s = await server('sk-e2e-to-clear');
    await openEditor('let total = ');
    await triggerGhostText();
    assert.strictEqual((await s.waitForRequest(1)).headers.authorization, 'Bearer sk-e2e-to-clear');

    ctx.stub.answerMessage = (m) => m.items.find((i) => /clear|delete|remove|yes/i.test(i)); // confirm, if asked
    await vscode.commands.executeCommand('cometComplete.clearApiKey');
    const before = s.requests.length;
    await triggerGhostText();
    await pollUntil(() => ctx.stub.keyPrompts().length > 0, { what: 'the extension to ask for an API key after it was cleared' });
    await sleep(300);
    assert.strictEqual(s.requests.length, before, 'a request was sent after the key was cleared');
  });

  it('a key stored for one server is not sent to another', async () => {
    await server('sk-e2e-only-for-first');
    const second = closeAfterTest(await OpenAiTestServer.start());
    await setSettings({ baseUrl: second.baseUrl });
    await openEditor('const other = ');
    await triggerGhostText();
    await pollUntil(() => ctx.stub.keyPrompts().length > 0, { what: 'the extension to ask for a key for the second server' });
    assert.strictEqual(second.requests.length, 0, 'the first server\'s key was used for the second server');
    assert.ok(ctx.stub.keyPrompts()[0].message.includes(second.origin));
  });
});
