import type { FimSetting } from '../inline/fimTemplates';
import { CometSettings } from './cometSettings';
import { SETTING_RULES, SETTING_SECTION, SettingName, SettingRule } from './settingRules';

export interface SettingProblem {
  /** Full name, e.g. `cometComplete.temperature`. */
  setting: string;
  /** What is wrong and what is allowed, e.g. "must be a number from 0 to 2 (got 3)". */
  message: string;
  /** The refused value was kept (`baseUrl`): nothing that needs it works until it is fixed. */
  kept?: boolean;
}

export interface ValidatedSettings {
  settings: CometSettings;
  /** One entry per refused value; the refused value is replaced by the previous good one. */
  problems: SettingProblem[];
}

type Flat = Record<SettingName, unknown>;

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? value.slice(0, 57) + '...' : value);
  try {
    const text = JSON.stringify(value);
    return text === undefined ? String(value) : text.length > 60 ? text.slice(0, 57) + '...' : text;
  } catch {
    return String(value);
  }
}

/** Returns an error text for a bad value, or undefined when the value is acceptable. */
function checkValue(rule: SettingRule, value: unknown): string | undefined {
  switch (rule.kind) {
    case 'number': {
      if (value === null && rule.nullable) return undefined;
      const range = `from ${rule.min} to ${rule.max}`;
      const what = rule.integer ? `a whole number ${range}` : `a number ${range}`;
      const allowed = rule.nullable ? `${what}, or null to turn it off` : what;
      if (typeof value !== 'number' || !Number.isFinite(value)) return `must be ${allowed} (got ${describe(value)})`;
      if (rule.integer && !Number.isInteger(value)) return `must be ${allowed} (got ${value})`;
      if (value < rule.min || value > rule.max) return `must be ${allowed} (got ${value})`;
      return undefined;
    }
    case 'boolean':
      return typeof value === 'boolean' ? undefined : `must be true or false (got ${describe(value)})`;
    case 'string': {
      if (typeof value !== 'string') return `must be a string (got ${describe(value)})`;
      if (rule.nonEmpty && value.trim() === '') return 'must not be empty';
      return rule.check?.(value.trim());
    }
    case 'stringList': {
      if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) {
        return `must be a list of at most ${rule.maxItems} strings (got ${describe(value)})`;
      }
      if (value.length > rule.maxItems) return `must hold at most ${rule.maxItems} strings (got ${value.length})`;
      if (value.some((item) => item === '')) return 'must not contain an empty string';
      return undefined;
    }
    case 'booleanMap': {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        return `must be an object mapping language ids to true/false (got ${describe(value)})`;
      }
      const bad = Object.entries(value).find(([, on]) => typeof on !== 'boolean');
      return bad ? `must map each language id to true or false (got ${describe(bad[1])} for "${bad[0]}")` : undefined;
    }
    case 'enum':
      return typeof value === 'string' && rule.values.includes(value)
        ? undefined
        : `must be one of ${rule.values.map((v) => `"${v}"`).join(', ')} (got ${describe(value)})`;
  }
}

function normalise(rule: SettingRule, value: unknown): unknown {
  if (rule.kind === 'string') return (value as string).trim();
  if (rule.kind === 'stringList') return [...(value as string[])];
  if (rule.kind === 'booleanMap') return { ...(value as Record<string, boolean>) };
  return value;
}

function flatten(settings: CometSettings): Flat {
  return {
    baseUrl: settings.baseUrl,
    model: settings.model,
    firstByteTimeoutSeconds: settings.firstByteTimeoutSeconds,
    allowInsecureHttp: settings.allowInsecureHttp,
    connectTimeoutSeconds: settings.connectTimeoutSeconds,
    idleTimeoutSeconds: settings.idleTimeoutSeconds,
    totalTimeoutSeconds: settings.totalTimeoutSeconds,
    maxTokens: settings.maxTokens,
    temperature: settings.temperature,
    topP: settings.topP,
    n: settings.n,
    stream: settings.stream,
    logprobs: settings.logprobs,
    stop: settings.stop,
    useSuffix: settings.useSuffix,
    'inline.enabled': settings.inline.enabled,
    'inline.languages': settings.inline.languages,
    'inline.debounceMs': settings.inline.debounceMs,
    'inline.maxPrefixChars': settings.inline.maxPrefixChars,
    'inline.maxSuffixChars': settings.inline.maxSuffixChars,
    'inline.maxTokens': settings.inline.maxTokens,
    'inline.multiLineMaxTokens': settings.inline.multiLineMaxTokens,
    'inline.maxLines': settings.inline.maxLines,
    'inline.candidates': settings.inline.candidates,
    'inline.fimTemplate': settings.inline.fimTemplate,
    'inline.minMeanLogprob': settings.inline.minMeanLogprob,
    'inline.maxPromptChars': settings.inline.maxPromptChars,
    'context.definitions': settings.context.definitions,
    'context.recentFiles': settings.context.recentFiles,
    'context.openEditors': settings.context.openEditors,
    'completeSelection.insertIntoEditor': settings.completeSelection.insertIntoEditor,
    'completeSelection.maxPrefixChars': settings.completeSelection.maxPrefixChars,
    'completeSelection.maxSuffixChars': settings.completeSelection.maxSuffixChars,
    'log.promptPreviewChars': settings.log.promptPreviewChars,
    excludeFiles: settings.excludeFiles,
    'spendGuard.dailyTokenBudget': settings.spendGuard.dailyTokenBudget,
  };
}

function unflatten(flat: Flat): CometSettings {
  return {
    baseUrl: flat.baseUrl as string,
    model: flat.model as string,
    firstByteTimeoutSeconds: flat.firstByteTimeoutSeconds as number,
    allowInsecureHttp: flat.allowInsecureHttp as boolean,
    connectTimeoutSeconds: flat.connectTimeoutSeconds as number,
    idleTimeoutSeconds: flat.idleTimeoutSeconds as number,
    totalTimeoutSeconds: flat.totalTimeoutSeconds as number,
    maxTokens: flat.maxTokens as number,
    temperature: flat.temperature as number,
    topP: flat.topP as number,
    n: flat.n as number,
    stream: flat.stream as boolean,
    logprobs: flat.logprobs as number | null,
    stop: flat.stop as string[],
    useSuffix: flat.useSuffix as boolean,
    inline: {
      enabled: flat['inline.enabled'] as boolean,
      languages: flat['inline.languages'] as Record<string, boolean>,
      debounceMs: flat['inline.debounceMs'] as number,
      maxPrefixChars: flat['inline.maxPrefixChars'] as number,
      maxSuffixChars: flat['inline.maxSuffixChars'] as number,
      maxTokens: flat['inline.maxTokens'] as number,
      multiLineMaxTokens: flat['inline.multiLineMaxTokens'] as number,
      maxLines: flat['inline.maxLines'] as number,
      candidates: flat['inline.candidates'] as number,
      fimTemplate: flat['inline.fimTemplate'] as FimSetting,
      minMeanLogprob: flat['inline.minMeanLogprob'] as number | null,
      maxPromptChars: flat['inline.maxPromptChars'] as number,
    },
    context: {
      definitions: flat['context.definitions'] as boolean,
      recentFiles: flat['context.recentFiles'] as boolean,
      openEditors: flat['context.openEditors'] as boolean,
    },
    completeSelection: {
      insertIntoEditor: flat['completeSelection.insertIntoEditor'] as boolean,
      maxPrefixChars: flat['completeSelection.maxPrefixChars'] as number,
      maxSuffixChars: flat['completeSelection.maxSuffixChars'] as number,
    },
    log: { promptPreviewChars: flat['log.promptPreviewChars'] as number },
    excludeFiles: flat.excludeFiles as string[],
    spendGuard: { dailyTokenBudget: flat['spendGuard.dailyTokenBudget'] as number },
  };
}

export function defaultSettings(): CometSettings {
  const flat = {} as Flat;
  for (const name of Object.keys(SETTING_RULES) as SettingName[]) {
    flat[name] = normalise(SETTING_RULES[name], SETTING_RULES[name].default);
  }
  return unflatten(flat);
}

/**
 * Checks every setting. A refused value is reported (naming the setting and the allowed
 * values) and replaced by its value in `previous` — the last good settings — so the
 * extension keeps working the way it did before the bad edit — except `baseUrl`, which is
 * kept as refused: falling back would send code (and the key) to another host.
 */
export function validateSettings(
  read: (name: SettingName) => unknown,
  previous: CometSettings = defaultSettings(),
): ValidatedSettings {
  const fallback = flatten(previous);
  const flat = {} as Flat;
  const problems: SettingProblem[] = [];
  for (const name of Object.keys(SETTING_RULES) as SettingName[]) {
    const rule: SettingRule = SETTING_RULES[name];
    const raw = read(name);
    const value = raw === undefined ? rule.default : raw;
    const error = checkValue(rule, value);
    if (error) {
      const keep = rule.kind === 'string' && rule.keepRefused === true;
      problems.push({ setting: `${SETTING_SECTION}.${name}`, message: error, ...(keep ? { kept: true } : {}) });
      flat[name] = keep ? String(value ?? '').trim() : fallback[name];
    } else {
      flat[name] = normalise(rule, value);
    }
  }
  return { settings: unflatten(flat), problems };
}

export function formatProblem(problem: SettingProblem): string {
  if (problem.kept) return `Setting “${problem.setting}” ${problem.message}. Nothing is sent until it is fixed.`;
  return `Setting “${problem.setting}” ${problem.message}. The previous value is used until it is fixed.`;
}
