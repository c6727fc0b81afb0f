/**
 * A stream the engine stops itself is logged and counted as what it was: over real HTTP, the
 * request's outcome (as the gateway settles it) is a stopped-early success with an estimated
 * usage, or an abort that says why — never "The request was cancelled."
 */
import * as assert from 'node:assert/strict';
import { ApiError } from '../../../src/core/client/apiError';
import { CompletionOutcome, requestCompletion } from '../../../src/core/client/completionClient';
import { CompletionDispatcher } from '../../../src/core/dispatch/completionDispatcher';
import { InlineCompletionEngine } from '../../../src/core/inlineEngine/inlineCompletionEngine';
import { estimatedUsage, settleStoppedStream, STOPPED_EARLY_FINISH, StreamStop } from '../../../src/core/inlineEngine/streamStop';
import { outcomeSummary } from '../../../src/core/logging/outcomeSummary';
import { completionChunk, OpenAiTestServer, startSse, streamCompletion, writeSseData } from '../../support/openAiTestServer';
import { contextAt, settingsWith, token } from './engineTestKit';

describe('streams the engine stops itself: logged and counted as what they were', () => {
  let server: OpenAiTestServer;
  let engine: InlineCompletionEngine;
  let outcomes: CompletionOutcome[];
  let settled: Promise<void>[];

  beforeEach(async () => {
    server = await OpenAiTestServer.start({ defaultText: 'fresh();' });
    outcomes = [];
    settled = [];
    const settings = settingsWith((s) => {
      s.baseUrl = server.baseUrl;
      s.inline.debounceMs = 0;
      s.inline.maxLines = 3;
    });
    engine = new InlineCompletionEngine({
      settings: () => settings,
      // As the gateway does: the client's outcome, settled with the engine's reason.
      complete: (body, signal, onDelta, lines) => {
        const outcome = requestCompletion({ baseUrl: server.baseUrl, timeoutMs: 5000 }, body, { signal, onDelta, lines }).then((o) => {
          const final = settleStoppedStream(o, signal, body);
          outcomes.push(final);
          return final;
        });
        settled.push(outcome.then(() => undefined));
        return outcome;
      },
    });
  });

  afterEach(async () => {
    engine.dispose();
    await server.close();
  });

  it('stopped once enough lines are in: a success with the text received and an estimated usage', async () => {
    const pieces = ['\n', '  a();\n', '  b();\n', '  c();\n', '  d();\n'];
    server.handle(async (req, res) => {
      await streamCompletion(res, { pieces, done: 'hang' });
      await req.whenResponseClosed;
    });
    await engine.suggest(contextAt('function f() {'), token().signal);
    await (await server.waitForRequest(1)).waitForClientClose(5000);
    await Promise.all(settled);
    assert.equal(outcomes.length, 1);
    const outcome = outcomes[0];
    assert.ok(outcome.ok, `expected a success, got ${outcomeSummary(outcome)}`);
    const choice = outcome.result.choices[0];
    assert.equal(choice.finishReason, STOPPED_EARLY_FINISH);
    assert.ok(choice.text.startsWith('\n  a();\n  b();'), JSON.stringify(choice.text));
    const usage = outcome.result.usage!;
    assert.equal(usage.estimated, true);
    const prompt = String(server.requests[0].body?.prompt ?? '');
    assert.equal(usage.promptTokens, Math.ceil(prompt.length / 4));
    assert.ok(usage.completionTokens >= 4, `at least one token per piece that arrived, got ${usage.completionTokens}`);
    assert.equal(usage.totalTokens, usage.promptTokens + usage.completionTokens);
    assert.match(outcomeSummary(outcome), /^ok finish=stopped_early completion_chars=\d+ tokens=~\d+\+\d+ \(estimated\)$/);
  });

  it('aborted because the user typed something else: still an abort, saying why and about what it cost', async () => {
    server.handle(async (req, res) => {
      startSse(res);
      await writeSseData(res, completionChunk([{ text: 'comp', index: 0, logprobs: null, finish_reason: null }]));
      await req.whenResponseClosed;
    });
    const first = token();
    void engine.suggest(contextAt('const total = '), first.signal);
    await server.waitForRequest(1);
    await new Promise((resolve) => setTimeout(resolve, 50)); // 'comp' arrives
    first.abort();
    await engine.suggest(contextAt('const total = x'), token().signal);
    await Promise.all(settled);
    const aborted = outcomes.find((o) => !o.ok);
    assert.ok(aborted && !aborted.ok);
    assert.equal(aborted.error.kind, 'aborted');
    assert.match(aborted.error.message, /^Stopped by Comet Complete: .+ after about \d+ tokens \(estimated\)\.$/);
    assert.doesNotMatch(aborted.error.message, /The request was cancelled/);
    // What arrived was billed: the estimate rides along for the session's usage.
    const spent = aborted.meta.stoppedUsage;
    assert.ok(spent, 'an engine abort after text arrived carries its estimated usage');
    assert.equal(spent.estimated, true);
    assert.ok(spent.completionTokens >= 1 && spent.promptTokens >= 1, JSON.stringify(spent));
    assert.equal(spent.totalTokens, spent.promptTokens + spent.completionTokens);
  });

  it('an abort that is not the engine\'s, and any other outcome, stay as they are', () => {
    const body = { model: 'm', prompt: 'abc', max_tokens: 1, temperature: 0, top_p: 1, n: 1, stream: true };
    const meta = { totalMs: 1, url: 'http://127.0.0.1/v1/completions' };
    const cancelled = new AbortController();
    cancelled.abort(new Error('editor'));
    const outcome = requestOutcomeAborted(meta);
    assert.equal(settleStoppedStream(outcome, cancelled.signal, body), outcome);
    const stopped = new AbortController();
    stopped.abort(new StreamStop('stoppedEarly', 'enough received', []));
    const ok: CompletionOutcome = { ok: true, meta, result: { id: 'x', model: 'm', created: 1, choices: [] } };
    assert.equal(settleStoppedStream(ok, stopped.signal, body), ok);
  });

  it('estimates: a quarter token per character, at least one per piece, summed over choices', () => {
    const usage = estimatedUsage({ prompt: 'x'.repeat(10), suffix: 'y'.repeat(6) }, [
      { index: 0, text: 'ab', pieces: 3, chars: 8 },
      { index: 1, text: '', pieces: 1, chars: 12 },
    ]);
    assert.deepEqual(usage, { promptTokens: 4, completionTokens: 3 + 3, totalTokens: 10, estimated: true });
  });
});

function requestOutcomeAborted(meta: { totalMs: number; url: string }): CompletionOutcome {
  return { ok: false, meta, error: new ApiError({ kind: 'aborted', message: 'The request was cancelled.' }) };
}

describe('the dispatcher logs and counts a stream the engine stopped early', () => {
  it('logs "finish=stopped_early" with estimated tokens, not "aborted: The request was cancelled.", and records the usage', async () => {
    const server = await OpenAiTestServer.start();
    try {
      server.handle(async (req, res) => {
        startSse(res);
        await writeSseData(res, completionChunk([{ text: 'a();\n', index: 0, logprobs: null, finish_reason: null }]));
        await req.whenResponseClosed;
      });
      const logged: Array<{ outcome: string; failed: boolean }> = [];
      const recorded: CompletionOutcome[] = [];
      const origin = new URL(server.baseUrl).origin;
      const dispatcher = new CompletionDispatcher({
        keyFor: async () => ({ kind: 'noKeyNeeded' }),
        askForKey: () => undefined,
        showTarget: () => undefined,
        beginRequest: () => () => undefined,
        showError: () => undefined,
        recordOutcome: (outcome) => void (outcome && recorded.push(outcome)),
        logRequest: (facts, failed) => logged.push({ outcome: facts.outcome, failed }),
        logInfo: () => undefined,
        notifyFailure: () => undefined,
        notifyPaused: () => undefined,
        notifySucceeded: () => undefined,
      });
      const controller = new AbortController();
      const body = { model: 'm', prompt: 'function f() {\n', max_tokens: 48, temperature: 0, top_p: 1, n: 1, stream: true };
      const sent = dispatcher.send(settingsWith((s) => (s.baseUrl = server.baseUrl)), {
        purpose: 'ghost text',
        body,
        signal: controller.signal,
        onDelta: (delta) => controller.abort(new StreamStop('stoppedEarly', 'enough received', [{ index: 0, text: delta.text, pieces: 1, chars: delta.text.length }])),
      });
      const outcome = await sent;
      assert.ok(outcome?.ok, `origin ${origin}: ${outcome && outcomeSummary(outcome)}`);
      assert.equal(logged.length, 1);
      assert.match(logged[0].outcome, /^ok finish=stopped_early completion_chars=5 tokens=~4\+2 \(estimated\)$/);
      assert.equal(logged[0].failed, false);
      assert.equal(recorded.length, 1);
      assert.deepEqual(recorded[0].ok && recorded[0].result.usage, { promptTokens: 4, completionTokens: 2, totalTokens: 6, estimated: true });
    } finally {
      await server.close();
    }
  });
});
