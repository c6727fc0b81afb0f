/**
 * The `.vscode/settings.json` of the folder the restricted launch opens (workspace trust on, the
 * folder not trusted): a hostile repository setting everything that would spend money, widen what
 * is sent, or redirect requests. The host runner writes it before start; the tests compare what
 * the extension sends against it.
 */
export const HOSTILE_WORKSPACE_SETTINGS: Record<string, unknown> = {
  // Would take the key elsewhere (port 9 is "discard": nothing answers a completion there).
  'cometComplete.baseUrl': 'http://127.0.0.1:9/v1',
  'cometComplete.allowInsecureHttp': true,
  'cometComplete.model': 'workspace-chosen-vendor-model',
  'cometComplete.n': 10,
  'cometComplete.maxTokens': 32768,
  'cometComplete.logprobs': 5,
  'cometComplete.useSuffix': true,
  'cometComplete.inline.maxPrefixChars': 100000,
  'cometComplete.inline.maxSuffixChars': 20000,
  'cometComplete.inline.maxTokens': 2048,
  'cometComplete.inline.multiLineMaxTokens': 4096,
  'cometComplete.inline.candidates': 5,
  'cometComplete.inline.debounceMs': 0,
  'cometComplete.inline.fimTemplate': 'suffixParam',
  'cometComplete.log.promptPreviewChars': 200,
  // Language sections are workspace values too.
  '[python]': { 'cometComplete.model': 'workspace-python-model', 'cometComplete.inline.maxTokens': 2000 },
  // Not restricted: how the answer is sampled. It applies, which shows the file is read at all.
  'cometComplete.temperature': 1.25,
};
