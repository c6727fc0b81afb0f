import * as assert from 'assert';
import * as vscode from 'vscode';
import { RecordedRequest, streamCompletion } from '../../support/openAiTestServer';
import { pollUntil } from '../support/poll';
import { commitGhostTextUntil, openEditor, readOutputChannel, setSettings, sleep, startServer, typeText, useHostTestContext, workspaceFolder } from './helpers';

const DECLARATION = 'export function grossOf(ratePercent: number, net: number): number {';

/**
 * Workspace context in the real editor: the scripted model knows `grossOf`'s argument order only
 * when the prompt shows its declaration, which lives in another file of the workspace and is
 * found by VS Code's TypeScript definition provider while the user types.
 */
describe('workspace context', () => {
  useHostTestContext();

  it('a suggestion is right only because the definition in another file went into the prompt', async function () {
    this.timeout(150_000);
    const server = await startServer();
    server.setDefaultHandler((req, res) => {
      const prompt = String(req.body?.prompt ?? '');
      const args = prompt.includes(DECLARATION) ? ['20', ', net);'] : ['net', ', 20);'];
      // After `grossOf(` the model writes the arguments. At the bare name it says something the
      // user's `(` does not type through, so the bracket asks anew (a definition that resolved
      // only at the name's last keystroke may miss that pause's request, not the next one's).
      return streamCompletion(res, { pieces: prompt.includes('grossOf(') ? args : ['.name;'] });
    });
    const tax = vscode.Uri.joinPath(workspaceFolder(), 'e2eTaxRates.ts');
    await vscode.workspace.fs.writeFile(tax, Buffer.from(`${DECLARATION}\n  return net * (1 + ratePercent / 100);\n}\n`, 'utf8'));
    try {
      await setSettings({ model: 'qwen2.5-coder-7b' });
      const header = "import { grossOf } from './e2eTaxRates';\n\nexport function priceOf(net: number): number {\n  return ";
      const editor = await openEditor(header);
      // The TypeScript server starts lazily: wait until it resolves the imported name into the other file.
      const imported = editor.document.positionAt(header.indexOf('grossOf'));
      await pollUntil(
        async () => {
          const found = await vscode.commands.executeCommand<Array<vscode.Location | vscode.LocationLink>>('vscode.executeDefinitionProvider', editor.document.uri, imported);
          return (found ?? []).some((item) => ('targetUri' in item ? item.targetUri : item.uri).path.endsWith('/e2eTaxRates.ts'));
        },
        { timeoutMs: 90_000, intervalMs: 500, what: 'the TypeScript definition provider to resolve grossOf' },
      );

      // Typed as a person would: the name, a look at the screen (its definition is looked up
      // meanwhile, ahead of the next request), then the bracket; the request at that pause
      // carries the definition. (Not a timing assertion: the sleep is the user's pause.)
      await typeText('grossOf');
      await sleep(1500);
      const beforeBracket = server.requests.length;
      await typeText('(');
      let request: RecordedRequest | undefined;
      await pollUntil(
        async () => {
          request = server.requests.slice(beforeBracket).find((r) => String(r.body.prompt).includes('grossOf('));
          return request !== undefined && String(request.body.prompt).includes(DECLARATION);
        },
        {
          timeoutMs: 20_000,
          intervalMs: 100,
          what: 'a ghost-text prompt holding the declaration from e2eTaxRates.ts',
          detail: () =>
            `${server.requests.length} request(s); last prompt starts ${JSON.stringify(String(request?.body.prompt ?? '').slice(0, 300))}; ` +
            `log ends ${JSON.stringify(readOutputChannel('Comet Complete Log').slice(-600))}`,
        },
      );
      const prompt = String(request!.body.prompt);
      assert.ok(prompt.startsWith('<|repo_name|>'), `Qwen2.5-Coder's repository format: ${JSON.stringify(prompt.slice(0, 80))}`);
      assert.ok(prompt.includes('<|file_sep|>e2eTaxRates.ts\n' + DECLARATION), 'the other file is named by its workspace path');
      // Auto-closing put `)` after the cursor; the suggestion replaces it rather than doubling it.
      await commitGhostTextUntil(editor, header + 'grossOf(20, net);');
      assert.match(readOutputChannel('Comet Complete Log'), /Context for .*e2eTaxRates\.ts \(definition, \d+ chars\)/);

      // The same place with every source off: no declaration, and the model gets the order wrong.
      await setSettings({ 'context.definitions': false, 'context.recentFiles': false, 'context.openEditors': false });
      const start = editor.document.positionAt(header.length);
      await editor.edit((edit) => edit.delete(new vscode.Range(start, editor.document.positionAt(editor.document.getText().length))));
      editor.selection = new vscode.Selection(start, start);
      const before = server.requests.length;
      await typeText('grossOf');
      await sleep(1500);
      await typeText('(');
      const plain = await server.waitForRequest((r) => r.index >= before && String(r.body.prompt).includes('grossOf('), 20_000);
      assert.ok(!String(plain.body.prompt).includes(DECLARATION), 'no context was sent with every source off');
      await commitGhostTextUntil(editor, header + 'grossOf(net, 20);');
    } finally {
      await vscode.workspace.fs.delete(tax).then(undefined, () => undefined);
    }
  });
});
