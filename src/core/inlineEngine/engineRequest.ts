/**
 * From the user's settings and a (line-ending normalised) cursor context to the request plan
 * of `../inline/inlineRequestBuilder.ts`.
 *
 * Ghost text never sends the `logprobs` setting (that one is for Complete Selection, and
 * would make every keystroke's response larger): the builder asks for `logprobs: 1` exactly
 * when the low-confidence filter (`inline.minMeanLogprob`) is on.
 */
import { SESSION_SERVER_KINDS } from '../connection/serverKind';
import { stableFingerprint } from '../inline/completionCacheKey';
import { isMidLine } from '../inline/completionMode';
import { buildInlineRequest, InlineRequestConfig, InlineRequestOutcome } from '../inline/inlineRequestBuilder';
import { applySelectedItem } from '../inline/selectedItem';
import type { CometSettings } from '../settings/cometSettings';
import type { InlineContext } from './inlineEngineTypes';

export function inlineRequestConfig(settings: CometSettings): Partial<InlineRequestConfig> {
  return {
    maxPrefixChars: settings.inline.maxPrefixChars,
    maxSuffixChars: settings.inline.maxSuffixChars,
    maxPromptChars: settings.inline.maxPromptChars,
    singleLineMaxTokens: settings.inline.maxTokens,
    multiLineMaxTokens: settings.inline.multiLineMaxTokens,
    multiLineMaxLines: settings.inline.maxLines,
    temperature: settings.temperature,
    topP: settings.topP,
    stream: settings.stream,
    logprobs: null,
    lowConfidenceThreshold: settings.inline.minMeanLogprob,
  };
}

/**
 * The plan for `context`, whose texts already use `\n`. `fingerprint`: the settings' fingerprint
 * for this context ({@link RequestFingerprints}), which names every input of the request's shape
 * but the server kind: the shape is then found by it (requestShape.ts).
 */
export function planInlineRequest(settings: CometSettings, context: InlineContext, fingerprint?: string): InlineRequestOutcome {
  const outcome = buildInlineRequest(
    {
      prefix: context.prefix,
      suffix: context.suffix,
      languageId: context.languageId,
      model: settings.model,
      fimSetting: settings.inline.fimTemplate,
      useSuffixParam: settings.useSuffix,
      serverKind: SESSION_SERVER_KINDS.kindOf(settings.baseUrl),
      userStops: settings.stop,
      explicit: context.explicit,
      candidates: settings.inline.candidates,
      selectedCompletionInfo: context.selectedItem,
      indent: context.indent,
      workspace: context.workspace,
      contextSources: settings.context,
      shapeId: fingerprint,
    },
    () => inlineRequestConfig(settings),
  );
  if (outcome.kind === 'request' && context.workspace?.noteUsed) {
    try {
      context.workspace.noteUsed(outcome.contextUsed);
    } catch {
      // the log's failure is not the request's
    }
  }
  return outcome;
}

/** What every keystroke needs to know about its position, without building a request. */
export interface CursorFacts {
  /** The prefix the suggestion continues: with the selected IntelliSense item applied. */
  effectivePrefix: string;
  /** The selected item's text, which every suggestion shown must start with ('' without one). */
  itemText: string;
}

/**
 * The cheap part of {@link planInlineRequest}, done on every keystroke: the selected item
 * applied, and whether this position gets ghost text at all (undefined: it does not — a real
 * mid-line position on an automatic trigger, or an item that does not fit the text).
 */
export function cursorFacts(context: InlineContext): CursorFacts | undefined {
  const applied = applySelectedItem(context.prefix, context.selectedItem);
  if (!applied) return undefined;
  // The mode decision skips exactly there (rule 1 of completionMode.ts); the rest of the
  // decision waits for the request.
  if (!context.explicit && isMidLine(context.suffix)) return undefined;
  return { effectivePrefix: applied.effectivePrefix, itemText: applied.itemText };
}

/**
 * A fingerprint of everything besides the text that shapes a ghost-text request (model,
 * sampling, prompt strategy, stops, limits, language, indentation): suggestions are reused only
 * under the same one. Recomputed only when one of those changes.
 *
 * A settings object is a snapshot (the adapter's SettingsSource makes a new one per
 * configuration change and scope, and never changes one it gave out), so a keystroke under the
 * settings object, workspace context and indentation last seen for its language gets that
 * fingerprint back without reading the settings again.
 */
export class RequestFingerprints {
  /** Per language: the last settings object and context facts seen, their facts and fingerprint. */
  private readonly memo = new Map<string, RememberedFingerprint>();

  of(settings: CometSettings, context: InlineContext): string {
    const signature = context.workspace?.signature ?? '';
    const insertSpaces = context.indent?.insertSpaces ?? null;
    const tabSize = context.indent?.tabSize ?? null;
    const known = this.memo.get(context.languageId);
    if (known && known.settings === settings && known.signature === signature && known.insertSpaces === insertSpaces && known.tabSize === tabSize) {
      return known.fingerprint;
    }
    const { inline } = settings;
    const facts: unknown[] = [
      settings.model,
      settings.temperature,
      settings.topP,
      settings.stream,
      settings.useSuffix,
      settings.stop.join('\u0000'),
      inline.maxPrefixChars,
      inline.maxSuffixChars,
      inline.maxTokens,
      inline.multiLineMaxTokens,
      inline.maxLines,
      inline.fimTemplate,
      inline.minMeanLogprob,
      inline.maxPromptChars,
      settings.context.definitions,
      settings.context.recentFiles,
      settings.context.openEditors,
      // What workspace context the prompt would carry: a suggestion made with other snippets is another suggestion.
      signature,
      insertSpaces,
      tabSize,
    ];
    // A new settings object with the same values (after a change to another setting) keeps the fingerprint.
    const fingerprint =
      known && known.facts.every((value, i) => value === facts[i]) ? known.fingerprint : stableFingerprint({ languageId: context.languageId, facts });
    if (!known && this.memo.size > 32) this.memo.clear();
    this.memo.set(context.languageId, { settings, signature, insertSpaces, tabSize, facts, fingerprint });
    return fingerprint;
  }
}

interface RememberedFingerprint {
  settings: CometSettings;
  signature: string;
  insertSpaces: boolean | null;
  tabSize: number | null;
  facts: unknown[];
  fingerprint: string;
}
