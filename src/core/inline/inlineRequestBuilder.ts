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
import type { FimSetting, PromptStrategy } from './fimTemplates';
import { INLINE_DEFAULTS } from './inlineDefaults';
import { allStops } from './languageStops';
import { RequestShapes } from './requestShape';
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
  /**
   * Names every input of the request's shape but the server kind (requestShape.ts): the engine's
   * settings fingerprint. Without it the shape is looked up value by value.
   */
  shapeId?: string;
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

/** The text-independent half of consecutive requests is the same: remembered (requestShape.ts). */
const shapes = new RequestShapes();

/**
 * `configOverrides`: settings over {@link DEFAULT_INLINE_REQUEST_CONFIG}, or a function giving
 * them, called only when the shape is not already known by `input.shapeId` (gathering them is
 * work a request at a known shape — nearly every one — does not need).
 */
export function buildInlineRequest(
  input: InlineRequestInput,
  configOverrides: Partial<InlineRequestConfig> | (() => Partial<InlineRequestConfig>) = {},
): InlineRequestOutcome {
  // 1. Selected IntelliSense item.
  const applied = applySelectedItem(input.prefix, input.selectedCompletionInfo);
  if (!applied) return { kind: 'skip', reason: 'selectedItemMismatch' };
  const { effectivePrefix } = applied;
  const selectedItem: InlineRequestPlan['selectedItem'] = input.selectedCompletionInfo
    ? { replaceLength: applied.replaceLength, text: applied.itemText }
    : undefined;

  const shape =
    (input.shapeId === undefined ? undefined : shapes.known(input.shapeId, input.serverKind)) ??
    shapes.of(
      {
        model: input.model,
        languageId: input.languageId,
        fimSetting: input.fimSetting,
        useSuffixParam: input.useSuffixParam,
        serverKind: input.serverKind,
        userStops: input.userStops,
        indent: input.indent,
        contextSignature: input.workspace?.signature,
        contextSources: input.contextSources,
      },
      DEFAULT_INLINE_REQUEST_CONFIG,
      typeof configOverrides === 'function' ? configOverrides() : configOverrides,
      input.shapeId,
    );
  const { config, strategy } = shape;

  // 2. Mode.
  const decision = decideCompletionMode(cursorLineContext(effectivePrefix, input.suffix, input.languageId), {
    explicit: input.explicit,
    limits: config,
  });
  if (decision.kind === 'skip') return { kind: 'skip', reason: decision.reason };

  // 3. Strategy (the shape's); 4. window and workspace context within the one budget.
  const composed = composeContextPrompt({
    strategy,
    languageId: input.languageId,
    prefix: effectivePrefix,
    suffix: input.suffix,
    budget: config,
    workspace: input.workspace,
    switches: input.contextSources,
    format: shape,
  });
  const prompt = composed.prompt;
  // Ollama does FIM only with a non-empty suffix; without one the prompt becomes a chat turn.
  const suffix =
    composed.suffix === undefined && strategy.kind === 'suffixParam' && input.serverKind === 'ollama' && prompt !== '' ? '\n' : composed.suffix;

  // 5. Stops, in priority order (see languageStops.ts). The wire gets the first 4,
  // post-processing all of them but the block exit.
  const modeStops = shape.stops(decision.mode, decision.stopAdditions);
  const exit = decision.mode === 'multiLine' ? blockExitStop(effectivePrefix) : undefined;
  const wire = exit === undefined ? modeStops.wire : fitWireStops(allStops(...modeStops.leading, [exit], modeStops.language));
  const sentExit = exit !== undefined && wire.sent.includes(exit) ? exit : undefined;

  // 6. n; 7. logprobs (the shape's).
  const n = input.explicit ? Math.max(1, Math.floor(input.candidates) || 1) : 1;
  const logprobs = shape.logprobs;

  // Optional fields set rather than spread in: this runs once per request, cold (see
  // bench/requestCycle.bench.ts), where each spread is a call into the runtime. (The wire's
  // field order is buildWireBody's.)
  const body: CompletionRequestBody = {
    model: input.model,
    prompt,
    max_tokens: decision.maxTokens,
    temperature: config.temperature,
    top_p: config.topP,
    n,
    stream: config.stream,
  };
  if (suffix !== undefined) body.suffix = suffix;
  if (logprobs !== null) body.logprobs = logprobs;
  if (wire.sent.length > 0) body.stop = [...wire.sent];
  if (wire.left.length > 0) body.stopsLeftOut = [...wire.left];

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
    indent: shape.indent,
    stops: modeStops.all,
    repeatedLineLimit: config.repeatedLineLimit,
  });

  const plan: InlineRequestPlan = {
    kind: 'request',
    body,
    mode: decision.mode,
    modeReason: decision.reason,
    maxLines: decision.maxLines,
    strategy,
    strategyName: shape.strategyName,
    postprocess,
    lowConfidenceThreshold: shape.lowConfidenceThreshold,
    effectivePrefix,
    cacheFingerprint: shape.cacheFingerprint,
    contextUsed: composed.used,
  };
  if (sentExit !== undefined) plan.blockExitStop = sentExit;
  if (selectedItem) plan.selectedItem = selectedItem;
  return plan;
}
