/**
 * The entries of the status bar menu, from the current state: ghost text on/off everywhere and
 * for the current language, snooze (or resume), and the everyday commands.
 */
import { SNOOZE_CHOICES_MINUTES, formatClockTime, formatRemaining } from './snooze';

export type StatusMenuAction =
  | { kind: 'setGlobal'; enabled: boolean }
  | { kind: 'setLanguage'; languageId: string; enabled: boolean }
  | { kind: 'snooze'; minutes: number }
  | { kind: 'resume' }
  | { kind: 'selectModel' }
  | { kind: 'testConnection' }
  | { kind: 'setApiKey' }
  | { kind: 'openSettings' }
  | { kind: 'openExcludeSetting' }
  | { kind: 'goOnPastBudget' }
  | { kind: 'openBudgetSetting' }
  | { kind: 'showLog' }
  | { kind: 'openWalkthrough' };

export type StatusMenuEntry =
  | { kind: 'separator'; label: string }
  | { kind: 'item'; label: string; description?: string; action: StatusMenuAction };

export interface StatusMenuState {
  inlineEnabled: boolean;
  /** The active editor's language, when there is one. */
  languageId?: string;
  /** Whether `inline.languages` turns that language on. */
  languageEnabled?: boolean;
  snoozedUntil?: number;
  /** Why nothing is sent from the active file, when it is excluded (looks like a secret). */
  excludedReason?: string;
  /** The spend guard, when a daily token budget is set. */
  budget?: { usedToday: number; dailyLimit: number; paused: boolean };
  now: number;
  model?: string;
  host?: string;
}

export function buildStatusMenu(state: StatusMenuState): StatusMenuEntry[] {
  const entries: StatusMenuEntry[] = [{ kind: 'separator', label: 'Ghost text' }];
  if (state.excludedReason) {
    entries.push({
      kind: 'item',
      label: '$(lock) Off for this file',
      description: state.excludedReason,
      action: { kind: 'openExcludeSetting' },
    });
  }
  entries.push(
    state.inlineEnabled
      ? { kind: 'item', label: '$(circle-slash) Disable ghost text', description: 'everywhere', action: { kind: 'setGlobal', enabled: false } }
      : { kind: 'item', label: '$(check) Enable ghost text', description: 'everywhere', action: { kind: 'setGlobal', enabled: true } },
  );
  if (state.languageId) {
    const on = state.languageEnabled ?? true;
    entries.push({
      kind: 'item',
      label: on ? `$(circle-slash) Disable for ${state.languageId}` : `$(check) Enable for ${state.languageId}`,
      description: state.inlineEnabled ? 'this language only' : 'this language only (ghost text is off everywhere)',
      action: { kind: 'setLanguage', languageId: state.languageId, enabled: !on },
    });
  }
  if (state.budget) {
    const { usedToday, dailyLimit, paused } = state.budget;
    const count = (n: number) => Math.round(n).toLocaleString('en-US');
    if (paused) {
      entries.push({ kind: 'item', label: '$(debug-continue) Go on today', description: 'past the daily token budget', action: { kind: 'goOnPastBudget' } });
    }
    entries.push({
      kind: 'item',
      label: `$(graph) Today: ${count(usedToday)} of ${count(dailyLimit)} tokens`,
      description: paused ? 'daily budget reached: ghost text paused' : 'daily budget',
      action: { kind: 'openBudgetSetting' },
    });
  }
  if (state.snoozedUntil !== undefined && state.snoozedUntil > state.now) {
    entries.push({
      kind: 'item',
      label: '$(play) Resume ghost text',
      description: `snoozed until ${formatClockTime(state.snoozedUntil)} (${formatRemaining(state.snoozedUntil - state.now)} left)`,
      action: { kind: 'resume' },
    });
  }
  for (const minutes of SNOOZE_CHOICES_MINUTES) {
    entries.push({
      kind: 'item',
      label: `$(clock) Snooze for ${minutes < 60 ? `${minutes} minutes` : `${minutes / 60} hour`}`,
      action: { kind: 'snooze', minutes },
    });
  }
  entries.push({ kind: 'separator', label: 'Model and connection' });
  entries.push({ kind: 'item', label: '$(list-selection) Select Model…', description: state.model, action: { kind: 'selectModel' } });
  entries.push({ kind: 'item', label: '$(plug) Test Connection', description: state.host, action: { kind: 'testConnection' } });
  entries.push({ kind: 'item', label: '$(key) Set API Key…', action: { kind: 'setApiKey' } });
  entries.push({ kind: 'separator', label: 'More' });
  entries.push({ kind: 'item', label: '$(gear) Open Settings', action: { kind: 'openSettings' } });
  entries.push({ kind: 'item', label: '$(output) Show Log', action: { kind: 'showLog' } });
  entries.push({ kind: 'item', label: '$(book) Get Started', description: 'walkthrough', action: { kind: 'openWalkthrough' } });
  return entries;
}
