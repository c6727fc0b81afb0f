import * as assert from 'assert';
import * as vscode from 'vscode';
import { OpenAiTestServer, RecordedRequest, startSse, streamCompletion } from '../../support/openAiTestServer';
import {
  acceptAnyGhostText,
  commitGhostTextUntil,
  openEditor,
  setDocumentText,
  startServer,
  triggerGhostText,
  typeText,
  useHostTestContext,
} from './helpers';

describe('ghost text', () => {
  useHostTestContext();
  let server: OpenAiTestServer | undefined;

  it('shows a scripted completion as ghost text, and accepting it puts it in the document', async () => {
    server = await startServer();
    server.setDefaultHandler((req, res) => streamCompletion(res, { pieces: ['a', ' +', ' b;'] }));
    const prefix = 'function add(a: number, b: number) {\n  return ';
    const editor = await openEditor(prefix);
    await triggerGhostText();
    const request = await server.waitForRequest(1);
    assert.ok(String(request.body.prompt).endsWith(prefix), `prompt ${JSON.stringify(request.body.prompt)} does not end with the text before the cursor`);
    assert.strictEqual(request.body.stream, true);
    await commitGhostTextUntil(editor, `${prefix}a + b;`);
  });

  it('typing on cancels the request in flight: the server sees the connection close', async () => {
    server = await startServer();
    server.handle(async (req, res) => {
      startSse(res); // headers only, then nothing until the client goes away
      await req.whenResponseClosed;
    });
    await openEditor('const greeting = ');
    void triggerGhostText(); // does not settle until the (stalled) request ends
    const stalled = await server.waitForRequest(1);
    await typeText('"');
    await stalled.waitForClientClose(5000);
  });

  it('an explicit trigger asks for n=3 and offers three suggestions to cycle through', async () => {
    server = await startServer();
    const texts = ['alpha();', 'beta();', 'gamma();'];
    server.setDefaultHandler((req, res) => streamCompletion(res, { choices: texts.map((t) => [t]) }));
    const base = 'const value = ';
    const editor = await openEditor(base);
    const accepted: string[] = [];
    for (let steps = 0; steps <= texts.length; steps++) {
      await setDocumentText(editor, base);
      const before = server.requests.length;
      await triggerGhostText();
      const request: RecordedRequest = await server.waitForRequest((r) => r.index >= before && r.body?.n !== 1);
      assert.strictEqual(request.body.n, 3, 'an explicit trigger should ask for inline.candidates (3) choices');
      for (let i = 0; i < steps; i++) await vscode.commands.executeCommand('editor.action.inlineSuggest.showNext');
      accepted.push((await acceptAnyGhostText(editor)).slice(base.length));
    }
    assert.deepStrictEqual([...accepted.slice(0, 3)].sort(), [...texts].sort(), `cycling gave ${JSON.stringify(accepted)}`);
    assert.strictEqual(accepted[3], accepted[0], `cycling past the last suggestion should come back to the first: ${JSON.stringify(accepted)}`);
  });
});
