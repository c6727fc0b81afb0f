/**
 * Issue 11, item 7: the spend guard. With a daily token budget, the tokens of answered requests
 * are counted; once the budget is reached ghost text pauses (one notification says so and offers
 * to go on), nothing more is sent, and "go on today" resumes it. Absence is checked by order:
 * the next request the server sees must be the one made after going on.
 */
import * as assert from 'assert';
import * as vscode from 'vscode';
import { openEditor, pollUntil, setSettings, startServer, triggerGhostText, useHostTestContext } from './helpers';

describe('spend guard', () => {
  const ctx = useHostTestContext({
    resetSettingsAfter: true,
    beforeCleanup: async () => setSettings({ 'spendGuard.dailyTokenBudget': undefined }),
  });

  it('pauses ghost text once the daily token budget is used, says so, and goes on at one command', async () => {
    const server = await startServer();
    // The default answer reports usage (prompt ≈ chars / 4): one request is well over 5 tokens.
    await setSettings({ 'spendGuard.dailyTokenBudget': 5 });
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
