/**
 * Which settings a workspace may not set while it is untrusted (VS Code's Restricted Mode), and
 * why. package.json's `capabilities.untrustedWorkspaces.restrictedConfigurations` lists the same
 * names (a unit test keeps them in step): VS Code then drops workspace values of them in an
 * untrusted folder, and the adapter (settingsSource.ts) reads them from user settings and
 * defaults only, whatever VS Code does.
 *
 * The rule: a repository you have not trusted cannot change where requests go, what or how
 * much of your text is sent, how many tokens are spent, or how much of your code is written
 * to the log. What it may still set only changes how the answer is sampled or shown, or how
 * long the extension waits.
 */
import type { SettingName } from './settingRules';

export const RESTRICTED_SETTINGS = {
  baseUrl: 'where requests and your API key go (also application-scoped: never read from a workspace)',
  allowInsecureHttp: 'whether the key may travel unencrypted (also application-scoped)',
  model: 'which model, and on a gateway such as CometAPI which vendor, receives your code and bills you',
  maxTokens: 'tokens spent per Complete Selection',
  n: 'choices generated (and billed) per Complete Selection',
  logprobs: 'extra data asked for with every Complete Selection',
  useSuffix: 'whether the text after the cursor is sent',
  'inline.enabled': 'whether ghost text sends anything at all',
  'inline.languages': 'which files ghost text sends from',
  'inline.debounceMs': 'how many requests typing makes',
  'inline.maxPrefixChars': 'how much text before the cursor is sent',
  'inline.maxSuffixChars': 'how much text after the cursor is sent',
  'inline.maxTokens': 'tokens spent per single-line suggestion',
  'inline.multiLineMaxTokens': 'tokens spent per multi-line suggestion',
  'inline.maxLines': 'how long a multi-line stream runs (tokens spent)',
  'inline.candidates': 'suggestions generated (and billed) per explicit trigger',
  'inline.fimTemplate': 'whether the text after the cursor is sent (a template or `suffixParam` sends it)',
  'inline.minMeanLogprob': 'extra data asked for with every suggestion',
  'inline.maxPromptChars': 'how much text (the file and other files) a ghost-text prompt carries',
  'context.definitions': 'whether other files (definitions) are sent with ghost text',
  'context.recentFiles': 'whether other files (recent edits) are sent with ghost text',
  'context.openEditors': 'whether other files (open editors) are sent with ghost text',
  'completeSelection.maxPrefixChars': 'how much text before the cursor Complete Selection sends',
  'completeSelection.maxSuffixChars': 'how much text after the cursor Complete Selection sends',
  'spendGuard.dailyTokenBudget': 'the daily token budget after which ghost text pauses (also application-scoped)',
  'log.promptPreviewChars': 'how much of your code is written to the log',
} as const satisfies Partial<Record<SettingName, string>>;

export type RestrictedSettingName = keyof typeof RESTRICTED_SETTINGS;

export function isRestrictedSetting(name: string): name is RestrictedSettingName {
  return Object.prototype.hasOwnProperty.call(RESTRICTED_SETTINGS, name);
}
