import type { ContextSourceSwitches } from '../context/contextTypes';
import type { FimSetting } from '../inline/fimTemplates';

/** The validated, typed view of all `cometComplete.*` settings. */
export interface CometSettings {
  baseUrl: string;
  model: string;
  /** Time to first byte, once connected. */
  firstByteTimeoutSeconds: number;
  allowInsecureHttp: boolean;
  connectTimeoutSeconds: number;
  /** Longest gap between two chunks of a response that has started. */
  idleTimeoutSeconds: number;
  /** Longest a whole request may take. */
  totalTimeoutSeconds: number;
  maxTokens: number;
  temperature: number;
  topP: number;
  n: number;
  stream: boolean;
  logprobs: number | null;
  stop: string[];
  useSuffix: boolean;
  inline: {
    enabled: boolean;
    languages: Record<string, boolean>;
    debounceMs: number;
    maxPrefixChars: number;
    maxSuffixChars: number;
    /** `max_tokens` of a single-line suggestion. */
    maxTokens: number;
    /** `max_tokens` of a multi-line suggestion. */
    multiLineMaxTokens: number;
    /** Most lines of a multi-line suggestion (the cursor's line counts). */
    maxLines: number;
    candidates: number;
    /** How prefix and suffix go into the prompt: a FIM template, the API's `suffix`, or prefix only. */
    fimTemplate: FimSetting;
    /** Hide suggestions whose mean token log probability is below this; null = off. */
    minMeanLogprob: number | null;
    /** One character budget for the whole ghost-text prompt: prefix, suffix and workspace context. */
    maxPromptChars: number;
  };
  /** Which workspace-context sources ghost text may use (src/core/context/). */
  context: ContextSourceSwitches;
  completeSelection: {
    insertIntoEditor: boolean;
    /** With no selection: most characters before the cursor sent. */
    maxPrefixChars: number;
    /** With `useSuffix`: most characters after the cursor sent. */
    maxSuffixChars: number;
  };
  log: { promptPreviewChars: number };
  /** Globs of files nothing is sent from (see exclusion/secretFiles.ts): the user's list plus workspace additions. */
  excludeFiles: string[];
  /** Tokens per day after which ghost text pauses (0 = no budget). */
  spendGuard: { dailyTokenBudget: number };
}

/** Whether ghost text is on for a language, from `inline.enabled` and the `inline.languages` map. */
export function isInlineEnabledFor(settings: CometSettings, languageId: string): boolean {
  if (!settings.inline.enabled) return false;
  const perLanguage = settings.inline.languages;
  if (Object.prototype.hasOwnProperty.call(perLanguage, languageId)) return perLanguage[languageId];
  return perLanguage['*'] ?? true;
}
