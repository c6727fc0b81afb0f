import * as assert from 'node:assert/strict';
import { buildStatusMenu } from '../../../src/core/session/statusMenuEntries';

function labels(entries: ReturnType<typeof buildStatusMenu>): string[] {
  return entries.map((e) => (e.kind === 'separator' ? `-- ${e.label}` : e.label));
}

describe('status bar menu', () => {
  it('offers disable, per-language, snoozes and the commands', () => {
    const entries = buildStatusMenu({ inlineEnabled: true, languageId: 'python', languageEnabled: true, now: 0, model: 'm', host: 'h' });
    assert.deepEqual(labels(entries), [
      '-- Ghost text',
      '$(circle-slash) Disable ghost text',
      '$(circle-slash) Disable for python',
      '$(clock) Snooze for 5 minutes',
      '$(clock) Snooze for 15 minutes',
      '$(clock) Snooze for 1 hour',
      '-- Model and connection',
      '$(list-selection) Select Model…',
      '$(plug) Test Connection',
      '$(key) Set API Key…',
      '-- More',
      '$(gear) Open Settings',
      '$(output) Show Log',
      '$(book) Get Started',
    ]);
    const language = entries[2];
    assert.deepEqual(language.kind === 'item' && language.action, { kind: 'setLanguage', languageId: 'python', enabled: false });
    const snooze = entries[4];
    assert.deepEqual(snooze.kind === 'item' && snooze.action, { kind: 'snooze', minutes: 15 });
  });

  it('offers enable when off, resume when snoozed, and no language entry without an editor', () => {
    const now = new Date(2025, 0, 1, 14, 0).getTime();
    const entries = buildStatusMenu({ inlineEnabled: false, snoozedUntil: now + 10 * 60_000, now });
    const all = labels(entries);
    assert.equal(all[1], '$(check) Enable ghost text');
    assert.equal(all[2], '$(play) Resume ghost text');
    const resume = entries[2];
    assert.equal(resume.kind === 'item' && resume.description, 'snoozed until 14:10 (10 min left)');
    assert.ok(!all.some((l) => l.includes(' for ') && l.includes('able for')));
    const off = buildStatusMenu({ inlineEnabled: true, languageId: 'markdown', languageEnabled: false, now });
    assert.equal(labels(off)[2], '$(check) Enable for markdown');
  });

  it('does not offer resume for an expired snooze', () => {
    assert.ok(!labels(buildStatusMenu({ inlineEnabled: true, snoozedUntil: 10, now: 10 })).some((l) => l.includes('Resume')));
  });
  it('leads with "Off for this file" when the active file is excluded, opening the exclusion setting', () => {
    const entries = buildStatusMenu({ inlineEnabled: true, languageId: 'dotenv', languageEnabled: true, now: 0, excludedReason: 'matches “.env*”' });
    assert.deepEqual(entries[1], { kind: 'item', label: '$(lock) Off for this file', description: 'matches “.env*”', action: { kind: 'openExcludeSetting' } });
    const plain = buildStatusMenu({ inlineEnabled: true, languageId: 'dotenv', languageEnabled: true, now: 0 });
    assert.ok(!plain.some((e) => e.kind === 'item' && e.action.kind === 'openExcludeSetting'));
  });
  it('shows today against the daily budget, and offers to go on when paused', () => {
    const paused = buildStatusMenu({ inlineEnabled: true, now: 0, budget: { usedToday: 12_345, dailyLimit: 10_000, paused: true } });
    const items = paused.filter((e) => e.kind === 'item').map((e) => e.kind === 'item' && `${e.label} | ${e.description}`);
    assert.ok(items.includes('$(debug-continue) Go on today | past the daily token budget'), items.join('\n'));
    assert.ok(items.includes('$(graph) Today: 12,345 of 10,000 tokens | daily budget reached: ghost text paused'), items.join('\n'));
    const running = buildStatusMenu({ inlineEnabled: true, now: 0, budget: { usedToday: 5, dailyLimit: 10_000, paused: false } });
    assert.ok(!running.some((e) => e.kind === 'item' && e.action.kind === 'goOnPastBudget'));
  });
});
