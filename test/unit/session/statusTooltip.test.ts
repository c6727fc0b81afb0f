import * as assert from 'node:assert/strict';
import { statusState, statusView } from '../../../src/core/session/statusTooltip';

const usage = { requests: 0, failures: 0, totalTokens: 0, requestsWithUsage: 0, estimatedTokens: 0, estimatedRequests: 0, byModel: {} };
const base = { inFlight: 0, enabled: true, usage, clickHint: 'Click for Comet Complete options' };

describe('status bar view', () => {
  it('says when the active file is excluded (looks like a secret), above snooze and error', () => {
    const reason = 'the file matches “.env*” in cometComplete.excludeFiles';
    assert.equal(statusState({ inFlight: 0, enabled: true, snoozedUntil: 5, errorMessage: 'x', excludedReason: reason }), 'excluded');
    assert.equal(statusState({ inFlight: 0, enabled: false, excludedReason: reason }), 'disabled');
    const view = statusView({ ...base, excludedReason: reason });
    assert.equal(view.text, '$(lock) Comet');
    assert.equal(view.headline, `Comet Complete: off for this file (${reason})`);
    assert.ok(view.tooltip.startsWith(view.headline));
  });

  it('orders states: working, off, snoozed, error, idle', () => {
    assert.equal(statusState({ inFlight: 1, enabled: false, errorMessage: 'x' }), 'working');
    assert.equal(statusState({ inFlight: 0, enabled: false, snoozedUntil: 5 }), 'disabled');
    assert.equal(statusState({ inFlight: 0, enabled: true, snoozedUntil: 5, errorMessage: 'x' }), 'snoozed');
    assert.equal(statusState({ inFlight: 0, enabled: true, errorMessage: 'x' }), 'error');
    assert.equal(statusState({ inFlight: 0, enabled: true }), 'idle');
  });

  it('shows model, host, last latency and session tokens', () => {
    const view = statusView({
      ...base,
      model: 'gpt-3.5-turbo-instruct',
      host: 'api.cometapi.com',
      detail: 'gpt-3.5-turbo-instruct @ api.cometapi.com',
      usage: { ...usage, requests: 12, failures: 1, totalTokens: 12345, requestsWithUsage: 11, lastLatencyMs: 412.3, lastFirstByteMs: 200 },
    });
    assert.equal(view.text, '$(sparkle) Comet');
    assert.equal(
      view.tooltip,
      [
        'Comet Complete: ghost text on',
        'Model: gpt-3.5-turbo-instruct',
        'Endpoint: api.cometapi.com',
        'Last latency: 412 ms (first byte 200 ms)',
        'Tokens this session: 12,345 (12 requests, 1 failed)',
        'Click for Comet Complete options',
      ].join('\n'),
    );
  });

  it('shows the error, the snooze end and a missing usage report', () => {
    const error = statusView({ ...base, errorMessage: 'The server rejected the API key (401).' });
    assert.equal(error.state, 'error');
    assert.equal(error.headline, 'Comet Complete: The server rejected the API key (401).');
    assert.match(error.tooltip, /Last latency: no request yet/);
    const until = new Date(2025, 0, 1, 14, 35).getTime();
    const snoozed = statusView({ ...base, snoozedUntil: until, errorMessage: 'boom', usage: { ...usage, requests: 1, lastLatencyMs: 90 } });
    assert.equal(snoozed.text, '$(clock) Comet');
    assert.equal(snoozed.headline, 'Comet Complete: ghost text snoozed until 14:35');
    assert.match(snoozed.tooltip, /Last error: boom/);
    assert.match(snoozed.tooltip, /Tokens this session: 0 \(1 request; the server reported no usage\)/);
  });

  it('keeps a caller detail that is not just model @ host', () => {
    assert.match(statusView({ ...base, detail: 'custom detail' }).tooltip, /\ncustom detail\n/);
  });
  it('counts stopped streams as estimates and prices known models at list price', () => {
    const view = statusView({
      ...base,
      usage: {
        ...usage,
        requests: 5,
        totalTokens: 3000,
        requestsWithUsage: 5,
        estimatedTokens: 400,
        estimatedRequests: 2,
        byModel: { 'gpt-3.5-turbo-instruct': { promptTokens: 2000, completionTokens: 500 }, 'my-local-model': { promptTokens: 400, completionTokens: 100 } },
      },
    });
    assert.match(view.tooltip, /Tokens this session: 3,000 \(5 requests; ~400 estimated for 2 streams stopped early\)/);
    // 2000 × $1.5/M + 500 × $2/M = $0.004
    assert.match(view.tooltip, /Estimated cost: \$0\.004 at OpenAI list prices of 2025-06; 500 tokens of models without a known price not included/);
    const unknown = statusView({ ...base, usage: { ...usage, requests: 1, totalTokens: 10, requestsWithUsage: 1, byModel: { 'qwen2.5-coder': { promptTokens: 8, completionTokens: 2 } } } });
    assert.match(unknown.tooltip, /Estimated cost: unknown \(no list price known for this model\)/);
  });

  it('pauses for the daily budget with a clear headline, and shows today against it', () => {
    const paused = statusView({ ...base, budget: { usedToday: 50_200, dailyLimit: 50_000, paused: true, overridden: false } });
    assert.equal(paused.state, 'overBudget');
    assert.match(paused.headline, /daily token budget reached \(50,200 of 50,000\), ghost text paused until tomorrow — click to go on today/);
    assert.match(paused.tooltip, /Today: 50,200 of 50,000 tokens \(daily budget\)/);
    const going = statusView({ ...base, budget: { usedToday: 50_200, dailyLimit: 50_000, paused: false, overridden: true } });
    assert.equal(going.state, 'idle');
    assert.match(going.tooltip, /you chose to go on today/);
    assert.equal(statusState({ inFlight: 0, enabled: true, budget: { usedToday: 9, dailyLimit: 5, paused: true, overridden: false }, snoozedUntil: 5 }), 'overBudget');
  });
});
