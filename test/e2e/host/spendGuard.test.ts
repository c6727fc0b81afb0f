/**
 * Issue 11, item 7: honest usage and the spend guard. Tokens of answered requests and of streams
 * the engine stopped itself (estimated from what arrived) count against a daily budget; once it
 * is reached ghost text pauses (one notification offers to go on), nothing more is sent, and "go
 * on today" resumes it. Today's count is read from the status menu (tokens spent by earlier
 * tests of the run count too, so budgets are set relative to it). Absence is checked by order.
 */
import * as assert from 'assert';
import * as vscode from 'vscode';
import { completionChunk, startSse, writeSseData } from '../../support/openAiTestServer';
import { PromptStub, openEditor, pollUntil, setSettings, startServer, triggerGhostText, useHostTestContext } from './helpers';

/** Today's token count from the status menu (a budget must be set for it to show). */
async function usedToday(stub: PromptStub): Promise<number> {
  const before = stub.quickPicks.length;
  await vscode.commands.executeCommand('cometComplete.showMenu');
  const labels = stub.quickPicks[before]?.items.map((item) => item.label) ?? [];
  const line = labels.find((label) => label.includes('Today:'));
  assert.ok(line, `no budget line in the status menu: ${labels.join(' | ')}`);
  return Number(/Today: ([\d,]+) of/.exec(line)![1].replace(/,/g, ''));
}

describe('spend guard', function () {
  this.timeout(90_000);
  const ctx = useHostTestContext({
    resetSettingsAfter: true,
    beforeCleanup: async () => setSettings({ 'spendGuard.dailyTokenBudget': undefined, 'inline.maxLines': undefined }),
  });

  // The engine stops this stream itself (it never ends): what arrived was billed, so it counts.
  it('counts a stream the engine stopped itself (the server sent no usage)', async () => {
    const server = await startServer();
    await setSettings({ 'spendGuard.dailyTokenBudget': 100_000_000, 'inline.maxLines': 2 });
    server.handle(async (req, res) => {
      startSse(res);
      for (let i = 0; i < 200 && !res.destroyed && !res.writableEnded; i++) {
        await writeSseData(res, completionChunk([{ text: `    value_${i} = compute_${i}(x)\n`, index: 0, logprobs: null, finish_reason: null }], { model: 'e2e-model' }));
        await new Promise((resolve) => setTimeout(resolve, 30));
      }
      await req.whenResponseClosed; // never ends by itself: only the engine's stop closes it
    });
    const before = await usedToday(ctx.stub);
    await openEditor('def work(x):\n    ', 'py');
    await triggerGhostText();
    const stopped = await server.waitForRequest(1);
    await stopped.waitForClientClose(20_000);
    const after = await pollUntil(async () => {
      const now = await usedToday(ctx.stub);
      return now > before ? now : undefined;
    }, { what: 'the stopped stream to be counted', timeoutMs: 15_000 });
    // At least the prompt (~4 characters a token) and the two lines that arrived.
    assert.ok(after - before >= 5, `counted ${after - before} tokens`);
  });

  it('pauses ghost text once the daily token budget is used, says so, and goes on at one command', async () => {
    const server = await startServer();
    await setSettings({ 'spendGuard.dailyTokenBudget': 100_000_000 });
    // The default answer reports usage (prompt ≈ chars / 4): one request crosses a budget 1 above today's count.
    await setSettings({ 'spendGuard.dailyTokenBudget': (await usedToday(ctx.stub)) + 1 });
    await openEditor('def first(a):\n    return ', 'py');
    await triggerGhostText();
    const first = await server.waitForRequest(1);
    assert.match(first.body.prompt, /def first/);
    const notice = await pollUntil(() => ctx.stub.messages.find((m) => /token budget is used up/.test(m.message)), {
      what: 'the budget notification',
      detail: () => JSON.stringify(ctx.stub.messages),
    });
    assert.deepStrictEqual(notice.items, ['Go On Today', 'Open Settings']);

    await openEditor('def second(b):\n    return ', 'py');
    await triggerGhostText();
    await vscode.commands.executeCommand('cometComplete.goOnPastBudget');
    await openEditor('def third(c):\n    return ', 'py');
    await triggerGhostText();
    const next = await server.waitForRequest(2);
    assert.match(next.body.prompt, /def third/, `a request was sent while paused: ${JSON.stringify(next.body.prompt)}`);
    assert.ok(server.requests.every((r) => !/def second/.test(r.body.prompt)), 'the paused file was sent');
    assert.strictEqual(ctx.stub.messages.filter((m) => /token budget is used up/.test(m.message)).length, 1, 'one notification per day');
  });
});
