/**
 * The rules every `cometComplete.*` setting is checked against before it is used.
 * package.json's `contributes.configuration` carries the same defaults and ranges for the
 * Settings UI; a unit test keeps the two in step.
 */
import { parseBaseUrl } from '../endpoint/baseUrl';
import { DEFAULT_EXCLUDED_FILES } from '../exclusion/secretFiles';
import { FIM_SETTINGS } from '../inline/fimTemplates';

export type SettingRule =
  | { kind: 'number'; integer: boolean; min: number; max: number; nullable?: boolean; default: number | null }
  | { kind: 'boolean'; default: boolean }
  | {
      kind: 'string';
      nonEmpty: boolean;
      default: string;
      check?: (value: string) => string | undefined;
      /** A refused value is kept (not replaced by the previous one): its users refuse to work with it. */
      keepRefused?: boolean;
    }
  | { kind: 'stringList'; maxItems: number; default: string[] }
  | { kind: 'booleanMap'; default: Record<string, boolean> }
  | { kind: 'enum'; values: readonly string[]; default: string };

function checkBaseUrl(value: string): string | undefined {
  const checked = parseBaseUrl(value);
  return 'problem' in checked ? checked.problem : undefined;
}

/** Keyed by the setting's name without the `cometComplete.` prefix. */
export const SETTING_RULES = {
  // Never falls back: a bad base URL stops every request (naming the setting) instead of sending code elsewhere.
  baseUrl: { kind: 'string', nonEmpty: true, default: 'https://api.cometapi.com/v1', check: checkBaseUrl, keepRefused: true },
  model: { kind: 'string', nonEmpty: true, default: 'gpt-3.5-turbo-instruct' },
  firstByteTimeoutSeconds: { kind: 'number', integer: false, min: 1, max: 600, default: 60 },
  allowInsecureHttp: { kind: 'boolean', default: false },
  connectTimeoutSeconds: { kind: 'number', integer: false, min: 1, max: 120, default: 10 },
  idleTimeoutSeconds: { kind: 'number', integer: false, min: 1, max: 600, default: 30 },
  totalTimeoutSeconds: { kind: 'number', integer: false, min: 10, max: 3600, default: 600 },
  maxTokens: { kind: 'number', integer: true, min: 1, max: 32768, default: 256 },
  temperature: { kind: 'number', integer: false, min: 0, max: 2, default: 0.2 },
  topP: { kind: 'number', integer: false, min: 0, max: 1, default: 1 },
  n: { kind: 'number', integer: true, min: 1, max: 10, default: 1 },
  stream: { kind: 'boolean', default: true },
  logprobs: { kind: 'number', integer: true, min: 0, max: 5, nullable: true, default: null },
  stop: { kind: 'stringList', maxItems: 4, default: [] },
  useSuffix: { kind: 'boolean', default: false },
  'inline.enabled': { kind: 'boolean', default: true },
  'inline.languages': { kind: 'booleanMap', default: { '*': true } },
  'inline.debounceMs': { kind: 'number', integer: true, min: 0, max: 2000, default: 150 },
  'inline.maxPrefixChars': { kind: 'number', integer: true, min: 100, max: 100000, default: 4000 },
  'inline.maxSuffixChars': { kind: 'number', integer: true, min: 0, max: 20000, default: 1000 },
  'inline.maxTokens': { kind: 'number', integer: true, min: 1, max: 2048, default: 48 },
  'inline.multiLineMaxTokens': { kind: 'number', integer: true, min: 1, max: 4096, default: 256 },
  'inline.maxLines': { kind: 'number', integer: true, min: 1, max: 100, default: 12 },
  'inline.fimTemplate': { kind: 'enum', values: FIM_SETTINGS, default: 'auto' },
  'inline.minMeanLogprob': { kind: 'number', integer: false, min: -20, max: 0, nullable: true, default: null },
  'inline.candidates': { kind: 'number', integer: true, min: 1, max: 5, default: 3 },
  'inline.maxPromptChars': { kind: 'number', integer: true, min: 500, max: 200000, default: 8000 },
  'context.definitions': { kind: 'boolean', default: true },
  'context.recentFiles': { kind: 'boolean', default: true },
  'context.openEditors': { kind: 'boolean', default: true },
  'completeSelection.insertIntoEditor': { kind: 'boolean', default: false },
  'completeSelection.maxPrefixChars': { kind: 'number', integer: true, min: 100, max: 500000, default: 16000 },
  'completeSelection.maxSuffixChars': { kind: 'number', integer: true, min: 0, max: 100000, default: 4000 },
  'log.promptPreviewChars': { kind: 'number', integer: true, min: 0, max: 200, default: 0 },
  'spendGuard.dailyTokenBudget': { kind: 'number', integer: true, min: 0, max: 100_000_000, default: 0 },
  excludeFiles: { kind: 'stringList', maxItems: 500, default: [...DEFAULT_EXCLUDED_FILES] },
} as const satisfies Record<string, SettingRule>;

export type SettingName = keyof typeof SETTING_RULES;

export const SETTING_SECTION = 'cometComplete';
