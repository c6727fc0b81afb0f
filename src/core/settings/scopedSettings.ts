/**
 * The settings read in a document's scope: package.json marks them `language-overridable`
 * (which makes them per-folder in a multi-root workspace too), or `resource`. The others are
 * read for the window (VS Code warns when a window-scoped setting is read for a resource). A
 * unit test keeps this list equal to package.json's scopes.
 */
import type { SettingName } from './settingRules';

export const SCOPED_SETTINGS: ReadonlySet<SettingName> = new Set<SettingName>([
  'model',
  'maxTokens',
  'temperature',
  'topP',
  'n',
  'logprobs',
  'stop',
  'useSuffix',
  'inline.enabled',
  'inline.debounceMs',
  'inline.maxPrefixChars',
  'inline.maxSuffixChars',
  'inline.maxTokens',
  'inline.multiLineMaxTokens',
  'inline.maxLines',
  'inline.candidates',
  'inline.fimTemplate',
  'inline.minMeanLogprob',
  'inline.maxPromptChars',
  'completeSelection.insertIntoEditor',
  'completeSelection.maxPrefixChars',
  'completeSelection.maxSuffixChars',
  'excludeFiles',
]);
