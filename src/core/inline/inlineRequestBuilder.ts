/**
 * Turns "the cursor is here, in this document, with these settings" into the `/completions`
 * request for ghost text, plus everything post-processing and the cache need. Pure.
 *
 * Steps:
 *  1. A selected IntelliSense item (suggest widget open) is applied first (selectedItem.ts):
 *     the model continues *after* the item and the suggestion extends it (VS Code only shows
 *     ghost text that starts with the selected item).
 *  2. Mode (single/multi-line) from the cursor's line — may say skip (mid-line, automatic).
 *  3. Prompt strategy (FIM template / API `suffix` / prefix only) from setting + model name.
 *  4. Prompt window (char/line budgets) around the cursor and, within the one prompt budget,
 *     workspace context in the strategy's format (../context/contextPrompt.ts).
 *  5. Stops: mode, template end token, user, other template stops, the enclosing block's
 *     closing line (multi-line only, blockExitStop.ts), language — merged to ≤ 4 for the wire
 *     (those left out are named in the body for the log), all of them but the block exit kept
 *     for post-processing (the block exit is a line the engine gives back, not a cut).
 *  6. `n`: 1 on automatic triggers, the configured candidates on explicit ones.
 *  7. `logprobs`: the setting, raised to at least 1 when the low-confidence filter is on.
 */
import type { CompletionRequestBody } from '../client/completionTypes';
import { fitWireStops } from '../client/wireStops';
import { blockExitStop } from './blockExitStop';
import { composeContextPrompt } from '../context/contextPrompt';
import type { ContextSourceSwitches, ContextUsage, WorkspaceContextSnapshot } from '../context/contextTypes';
import {
  CompletionMode,
  cursorLineContext,
  decideCompletionMode,
  DEFAULT_MODE_LIMITS,
  ModeLimits,
  ModeReason,
} from './completionMode';
import type { ServerKind } from '../connection/serverKind';
import { FimSetting, PromptStrategy, promptStrategyName, resolvePromptStrategy } from './fimTemplates';
import { INLINE_DEFAULTS } from './inlineDefaults';
import { FingerprintMemo } from './fingerprintMemo';
import { allStops, languageStops } from './languageStops';
import { applySelectedItem, SelectedItemText } from './selectedItem';
import { createPostprocessContext, IndentStyle, PostprocessContext } from './postprocess/postprocessContext';
import { cutSuffixWindow, DEFAULT_PROMPT_WINDOW_BUDGET, PromptWindowBudget } from './promptWindow';

export type { SelectedItemText } from './selectedItem';

export interface InlineRequestInput {
  /** Document text before the cursor (whole, or at least the prompt budget). */
  prefix: string;
  /** Document text after the cursor. */
  suffix: string;
  languageId: string;
  model: string;
  fimSetting: FimSetting;
  /** Setting `useSuffix`: with `fimSetting: 'auto'` and no template for the model, send `suffix`. */
  useSuffixParam: boolean;
  /** What the base URL's server turned out to be (`connection/serverKind.ts`): picks the FIM route under `auto`. */
  serverKind?: ServerKind;
  /** Setting `stop`. */
  userStops: readonly string[];
  /** Invoked by the user (Alt+\) rather than by typing. */
  explicit: boolean;
  /** Setting `inline.candidates`: `n` on explicit triggers. */
  candidates: number;
  selectedCompletionInfo?: SelectedItemText;
  /** Editor indentation; defaults to 4 spaces. */
  indent?: IndentStyle;
  /** Other files' snippets the prompt may carry (none: the current file only). */
  workspace?: WorkspaceContextSnapshot;
  /** Settings `context.*`: which sources may be used (default: all). */
  contextSources?: ContextSourceSwitches;
}

export interface InlineRequestConfig extends PromptWindowBudget, ModeLimits {
  /** One budget for the whole prompt (setting `inline.maxPromptChars`); the current file comes first. */
  maxPromptChars: number;
  temperature: number;
  topP: number;
  stream: boolean;
  logprobs: number | null;
  lowConfidenceThreshold: number | null;
  repeatedLineLimit: number;
}

export const DEFAULT_INLINE_REQUEST_CONFIG: Readonly<InlineRequestConfig> = Object.freeze({
  ...DEFAULT_PROMPT_WINDOW_BUDGET,
  ...DEFAULT_MODE_LIMITS,
  maxPromptChars: INLINE_DEFAULTS.maxPromptChars,
  temperature: INLINE_DEFAULTS.temperature,
  topP: INLINE_DEFAULTS.topP,
  stream: INLINE_DEFAULTS.stream,
  logprobs: INLINE_DEFAULTS.logprobs,
  lowConfidenceThreshold: INLINE_DEFAULTS.lowConfidenceThreshold,
  repeatedLineLimit: INLINE_DEFAULTS.repeatedLineLimit,
});

export type InlineSkipReason = 'midLine' | 'selectedItemMismatch';

export interface InlineRequestPlan {
  kind: 'request';
  /** Ready for `POST {baseUrl}/completions`. */
  body: CompletionRequestBody;
  mode: CompletionMode;
  modeReason: ModeReason;
  maxLines: number;
  strategy: PromptStrategy;
  /** `'template:qwen'`, `'suffixParam'` or `'prefixOnly'`, for logs. */
  strategyName: string;
  /** Pass to `createPostprocessor`, or to `PreparedPostprocessing` for a streaming answer. */
  postprocess: PostprocessContext;
  /** For `lowConfidenceFilter` (null = off). */
  lowConfidenceThreshold: number | null;
  /**
   * The enclosing block's closing line, when it went out as a stop (blockExitStop.ts): a
   * choice the server stopped there gets that line back.
   */
  blockExitStop?: string;
  /** Prefix the suggestion continues (document prefix with the selected item applied). */
  effectivePrefix: string;
  /** Settings fingerprint for `completionCacheKey` (mode-independent, `n`-independent), with the context's signature. */
  cacheFingerprint: string;
  /** Workspace context sent: paths and character counts only. */
  contextUsed: ContextUsage[];
  /** Present when a selected IntelliSense item was applied: the ghost text to show is
   *  `text + suggestion`, replacing the `replaceLength` characters before the cursor. */
  selectedItem?: { replaceLength: number; text: string };
}

export type InlineRequestOutcome = InlineRequestPlan | { kind: 'skip'; reason: InlineSkipReason };

/** The settings behind consecutive requests rarely change: their fingerprint is remembered. */
const cacheFingerprints = new FingerprintMemo();

export function buildInlineRequest(
  input: InlineRequestInput,
  configOverrides: Partial<InlineRequestConfig> = {},
): InlineRequestOutcome {
  const config: InlineRequestConfig = { ...DEFAULT_INLINE_REQUEST_CONFIG, ...configOverrides };

  // 1. Selected IntelliSense item.
  const applied = applySelectedItem(input.prefix, input.selectedCompletionInfo);
  if (!applied) return { kind: 'skip', reason: 'selectedItemMismatch' };
  const { effectivePrefix } = applied;
  const selectedItem: InlineRequestPlan['selectedItem'] = input.selectedCompletionInfo
    ? { replaceLength: applied.replaceLength, text: applied.itemText }
    : undefined;

  // 2. Mode.
  const decision = decideCompletionMode(cursorLineContext(effectivePrefix, input.suffix, input.languageId), {
    explicit: input.explicit,
    limits: config,
  });
  if (decision.kind === 'skip') return { kind: 'skip', reason: decision.reason };

  // 3. Strategy; 4. window and workspace context within the one budget.
  const strategy = resolvePromptStrategy(input.fimSetting, input.model, input.useSuffixParam, input.serverKind);
  const composed = composeContextPrompt({
    strategy,
    languageId: input.languageId,
    prefix: effectivePrefix,
    suffix: input.suffix,
    budget: config,
    workspace: input.workspace,
    switches: input.contextSources,
  });
  const prompt = composed.prompt;
  // Ollama does FIM only with a non-empty suffix; without one the prompt becomes a chat turn.
  const suffix =
    composed.suffix === undefined && strategy.kind === 'suffixParam' && input.serverKind === 'ollama' && prompt !== '' ? '\n' : composed.suffix;

  // 5. Stops, in priority order (see languageStops.ts). The wire gets the first 4,
  // post-processing all of them but the block exit.
  const templateStops = strategy.kind === 'template' ? strategy.template.stops : [];
  const language = languageStops(input.languageId, decision.mode);
  const leading = [decision.stopAdditions, templateStops.slice(0, 1), input.userStops, templateStops.slice(1)];
  const stops = allStops(...leading, language);
  const exit = decision.mode === 'multiLine' ? blockExitStop(effectivePrefix) : undefined;
  const { sent: wireStops, left: stopsLeftOut } = fitWireStops(exit === undefined ? stops : allStops(...leading, [exit], language));
  const sentExit = exit !== undefined && wireStops.includes(exit) ? exit : undefined;

  // 6. n; 7. logprobs.
  const n = input.explicit ? Math.max(1, Math.floor(input.candidates) || 1) : 1;
  const threshold = config.lowConfidenceThreshold;
  const logprobs = threshold !== null ? Math.max(1, config.logprobs ?? 0) : config.logprobs;

  const body: CompletionRequestBody = {
    model: input.model,
    prompt,
    ...(suffix !== undefined ? { suffix } : {}),
    max_tokens: decision.maxTokens,
    temperature: config.temperature,
    top_p: config.topP,
    n,
    stream: config.stream,
    ...(logprobs !== null ? { logprobs } : {}),
    ...(wireStops.length > 0 ? { stop: wireStops } : {}),
    ...(stopsLeftOut.length > 0 ? { stopsLeftOut } : {}),
  };

  const indent = input.indent ?? { insertSpaces: INLINE_DEFAULTS.indentInsertSpaces, tabSize: INLINE_DEFAULTS.indentTabSize };
  const postprocess = createPostprocessContext({
    prefix: effectivePrefix,
    suffix: cutSuffixWindow(
      input.suffix,
      Math.max(config.maxSuffixChars, INLINE_DEFAULTS.postprocessSuffixChars),
      Math.max(config.maxSuffixLines, 1),
    ),
    languageId: input.languageId,
    mode: decision.mode,
    maxLines: decision.maxLines,
    indent,
    stops,
    repeatedLineLimit: config.repeatedLineLimit,
  });

  const strategyName = promptStrategyName(strategy);
  const cacheFingerprint = cacheFingerprints.of({
    model: input.model,
    languageId: input.languageId,
    strategy: strategyName,
    userStops: input.userStops,
    indent,
    config: { ...config, logprobs },
    context: input.workspace?.signature ?? '',
    sources: input.contextSources ?? null,
  });

  return {
    kind: 'request',
    body,
    mode: decision.mode,
    modeReason: decision.reason,
    maxLines: decision.maxLines,
    strategy,
    strategyName,
    postprocess,
    lowConfidenceThreshold: threshold,
    ...(sentExit !== undefined ? { blockExitStop: sentExit } : {}),
    effectivePrefix,
    cacheFingerprint,
    contextUsed: composed.used,
    ...(selectedItem ? { selectedItem } : {}),
  };
}
