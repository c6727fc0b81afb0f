/**
 * From the user's settings and a (line-ending normalised) cursor context to the request plan
 * of `../inline/inlineRequestBuilder.ts`.
 *
 * Ghost text never sends the `logprobs` setting (that one is for Complete Selection, and
 * would make every keystroke's response larger): the builder asks for `logprobs: 1` exactly
 * when the low-confidence filter (`inline.minMeanLogprob`) is on.
 */
import { buildInlineRequest, InlineRequestConfig, InlineRequestOutcome } from '../inline/inlineRequestBuilder';
import type { CometSettings } from '../settings/cometSettings';
import type { InlineContext } from './inlineEngineTypes';

export function inlineRequestConfig(settings: CometSettings): Partial<InlineRequestConfig> {
  return {
    maxPrefixChars: settings.inline.maxPrefixChars,
    maxSuffixChars: settings.inline.maxSuffixChars,
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

/** The plan for `context`, whose texts already use `\n`. */
export function planInlineRequest(settings: CometSettings, context: InlineContext): InlineRequestOutcome {
  return buildInlineRequest(
    {
      prefix: context.prefix,
      suffix: context.suffix,
      languageId: context.languageId,
      model: settings.model,
      fimSetting: settings.inline.fimTemplate,
      useSuffixParam: settings.useSuffix,
      userStops: settings.stop,
      explicit: context.explicit,
      candidates: settings.inline.candidates,
      selectedCompletionInfo: context.selectedItem,
      indent: context.indent,
    },
    inlineRequestConfig(settings),
  );
}
