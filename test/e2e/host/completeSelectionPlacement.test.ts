/**
 * Issue 11, items 9 and 10: Complete Selection's prompt budget (what is cut is said in the output
 * channel), and its insertion into the editor staying at the right place while the user edits
 * above it during the stream. At VS Code's default editor settings for these commands.
 */
import * as assert from 'assert';
import * as vscode from 'vscode';
import { completionChunk, endResponse, startSse, writeSseData, writeSseDone } from '../../support/openAiTestServer';
import { openEditor, pollUntil, readOutputChannel, setSettings, startServer, useHostTestContext } from './helpers';

function chunk(text: string, finish: 'stop' | null = null) {
  return completionChunk([{ text, index: 0, logprobs: null, finish_reason: finish }], { model: 'e2e-model' });
}

function latestRun(): string {
  const text = readOutputChannel('Comet Complete');
  const start = text.lastIndexOf('Comet Complete ·');
  return start >= 0 ? text.slice(start) : text;
}

describe('Complete Selection budget and placement', () => {
  useHostTestContext({ resetSettingsAfter: true });

  it('with no selection sends at most maxPrefixChars before and maxSuffixChars after the cursor, and says what was cut', async () => {
    const server = await startServer();
    await setSettings({ useSuffix: true, 'completeSelection.maxPrefixChars': 1000, 'completeSelection.maxSuffixChars': 300 });
    const before = Array.from({ length: 1500 }, (_, i) => `before ${i}`).join('\n') + '\nanswer = ';
    const after = '\n' + Array.from({ length: 800 }, (_, i) => `after ${i}`).join('\n');
    await openEditor(`${before}|${after}`, 'py');
    await vscode.commands.executeCommand('cometComplete.completeSelection');
    const request = await server.waitForRequest(1);
    const prompt: string = request.body.prompt;
    const suffix: string = request.body.suffix;
    assert.ok(prompt.length <= 1000 && before.endsWith(prompt) && prompt.endsWith('answer = '), `prompt: ${prompt.length} chars`);
    assert.ok(suffix.length <= 300 && after.startsWith(suffix) && suffix.length > 0, `suffix: ${suffix.length} chars`);
    const text = await pollUntil(() => (/suffix cut/.test(latestRun()) ? latestRun() : ''), {
      what: 'the cut notes in the output channel',
      detail: () => latestRun(),
    });
    assert.match(text, new RegExp(`prompt cut: the first ${(before.length - prompt.length).toLocaleString('en-US')} characters .*maxPrefixChars = 1,000`));
    assert.match(text, new RegExp(`suffix cut: the last ${(after.length - suffix.length).toLocaleString('en-US')} characters .*maxSuffixChars = 300`));
  });

  it('the streamed insertion stays after the selection while the user edits above it', async () => {
    const server = await startServer();
    await setSettings({ 'completeSelection.insertIntoEditor': true });
    const gates = [0, 1, 2].map(() => {
      let open!: () => void;
      const promise = new Promise<void>((resolve) => (open = resolve));
      return { promise, open };
    });
    server.handle(async (_req, res) => {
      startSse(res);
      await writeSseData(res, chunk(' ONE'));
      await gates[0].promise;
      await writeSseData(res, chunk(' TWO'));
      await gates[1].promise;
      await writeSseData(res, chunk(' THREE', 'stop'));
      await writeSseDone(res);
      await endResponse(res);
    });
    const editor = await openEditor('# Title\n\nThe quick brown fox|\n\nlast line\n', 'md');
    const selectionEnd = editor.selection.active;
    editor.selection = new vscode.Selection(new vscode.Position(2, 0), selectionEnd);
    const run = vscode.commands.executeCommand('cometComplete.completeSelection');
    await pollUntil(() => editor.document.getText().includes('fox ONE'), { what: 'the first chunk in the editor', detail: () => editor.document.getText() });
    // The user adds lines at the top and changes the title while the answer streams.
    await editor.edit((edit) => edit.insert(new vscode.Position(0, 0), 'New first line\nAnother one\n'));
    gates[0].open();
    await pollUntil(() => editor.document.getText().includes('TWO'), { what: 'the second chunk', detail: () => editor.document.getText() });
    await editor.edit((edit) => edit.replace(new vscode.Range(2, 2, 2, 7), 'Heading'));
    await editor.edit((edit) => edit.delete(new vscode.Range(0, 0, 1, 0)));
    gates[1].open();
    await run;
    assert.strictEqual(editor.document.getText(), 'Another one\n# Heading\n\nThe quick brown fox ONE TWO THREE\n\nlast line\n');
  });
});
