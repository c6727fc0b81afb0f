/** The validated, typed view of all `cometComplete.*` settings. */
export interface CometSettings {
  baseUrl: string;
  model: string;
  requestTimeoutSeconds: number;
  allowInsecureHttp: boolean;
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
    maxTokens: number;
    candidates: number;
  };
  completeSelection: { insertIntoEditor: boolean };
  log: { promptPreviewChars: number };
}

/** Whether ghost text is on for a language, from `inline.enabled` and the `inline.languages` map. */
export function isInlineEnabledFor(settings: CometSettings, languageId: string): boolean {
  if (!settings.inline.enabled) return false;
  const perLanguage = settings.inline.languages;
  if (Object.prototype.hasOwnProperty.call(perLanguage, languageId)) return perLanguage[languageId];
  return perLanguage['*'] ?? true;
}
