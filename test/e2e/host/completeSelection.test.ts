import * as assert from 'assert';
import * as vscode from 'vscode';
import { OpenAiTestServer, completionChunk, endResponse, startSse, writeSseData, writeSseDone } from '../../support/openAiTestServer';
import {
  openEditor,
  pollUntil,
  readOutputChannel,
  startServer,
  useHostTestContext,
} from './helpers';

const CHANNEL = 'Comet Complete';

function chunk(text: string, finish: 'stop' | 'length' | null = null) {
  return completionChunk([{ text, index: 0, logprobs: null, finish_reason: finish }], { model: 'e2e-model' });
}

/** The part of the channel written by the latest run (each run starts with a header naming the model). */
function latestRun(): string {
  const text = readOutputChannel(CHANNEL);
  const start = text.lastIndexOf('Comet Complete ·');
  return start >= 0 ? text.slice(start) : text;
}

describe('Complete Selection', () => {
  const ctx = useHostTestContext();
  let server: OpenAiTestServer | undefined;

  async function selectAll(content: string): Promise<vscode.TextEditor> {
    const editor = await openEditor(content, 'md');
    editor.selection = new vscode.Selection(editor.document.positionAt(0), editor.document.positionAt(content.length));
    return editor;
  }

  it('streams every chunk into the output channel in order, then the finish reason and usage', async () => {
    server = await startServer();
    const pieces = ['«one»', ' «two»', ' «three»', ' «four»', ' «five»'];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    server.handle(async (_req, res) => {
      startSse(res);
      await writeSseData(res, chunk(pieces[0]));
      await writeSseData(res, chunk(pieces[1]));
      await gate; // the test checks that these two are already shown while the stream is open
      for (const piece of pieces.slice(2)) await writeSseData(res, chunk(piece));
      await writeSseData(res, { ...chunk('', 'length'), usage: { prompt_tokens: 7, completion_tokens: 5, total_tokens: 12 } });
      await writeSseDone(res);
      await endResponse(res);
    });
    await selectAll('Once upon a time');
    const run = vscode.commands.executeCommand('cometComplete.completeSelection');
    const request = await server.waitForRequest(1);
    assert.strictEqual(request.body.prompt, 'Once upon a time');
    assert.strictEqual(request.body.stream, true);
    await pollUntil(() => latestRun().includes('«one» «two»'), {
      what: 'the first two chunks in the output channel while the stream is still open',
      detail: () => `channel: ${JSON.stringify(latestRun())}`,
    });
    assert.ok(!latestRun().includes('«three»'), 'text that was not sent yet is in the channel');
    release();
    await run;
    const text = await pollUntil(() => (/usage/i.test(latestRun()) ? latestRun() : ''), {
      what: 'the usage line in the output channel',
      detail: () => `channel: ${JSON.stringify(latestRun())}`,
    });
    assert.ok(text.includes(pieces.join('')), `the chunks are not all there in order: ${JSON.stringify(text)}`);
    assert.match(text, /finish reason\S*:?\s*length/i);
    assert.match(text, /usage\b.*\b7\b.*\b5\b.*\b12\b/i);
    assert.ok(text.indexOf(pieces.join('')) < text.search(/finish reason/i), 'finish reason before the text');
  });

  it('cancelling it stops the server stream and keeps what arrived', async () => {
    server = await startServer();
    server.handle(async (req, res) => {
      startSse(res);
      await writeSseData(res, chunk('«before cancel»'));
      await req.whenResponseClosed; // never more: only a cancel ends this
    });
    await selectAll('Twice upon a time');
    const run = vscode.commands.executeCommand('cometComplete.completeSelection');
    const request = await server.waitForRequest(1);
    await pollUntil(() => ctx.stub.progressRuns.length > 0 && latestRun().includes('«before cancel»'), {
      what: 'a progress notification and the first chunk in the output channel',
      detail: () => `progress runs: ${ctx.stub.progressRuns.length}; channel: ${JSON.stringify(latestRun())}`,
    });
    assert.strictEqual(ctx.stub.progressRuns[0].cancellable, true, 'the progress notification has no Cancel button');
    ctx.stub.progressRuns[0].cancel();
    await request.waitForClientClose(5000);
    await run;
    assert.match(latestRun(), /«before cancel»[\s\S]*cancel/i);
  });
});
