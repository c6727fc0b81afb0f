import { abortableDelay } from '../abortableDelay';
import { CompletionOutcome } from '../completionClient';
import { CompletionRequestBody } from '../completionTypes';
import { CometSettings } from '../settings/cometSettings';

/** What the editor knows at the cursor, with no editor types in it. */
export interface InlineContext {
  languageId: string;
  /** Text before the cursor (the whole document prefix; the engine cuts its own window). */
  prefix: string;
  /** Text after the cursor. */
  suffix: string;
  /** true for Alt+\ (explicit trigger): no debounce and several candidates. */
  explicit: boolean;
}

export interface InlineEngineDeps {
  settings: () => CometSettings;
  /** Sends the request; resolves undefined when it was not sent (for example no API key). */
  complete: (body: CompletionRequestBody, signal: AbortSignal) => Promise<CompletionOutcome | undefined>;
  delay?: (ms: number, signal: AbortSignal) => Promise<boolean>;
}

/**
 * Turns a cursor context into ghost-text suggestions: waits out the debounce (a newer
 * keystroke aborts the signal, so nothing is sent), builds the request within the
 * character budgets, and returns the distinct non-blank choices.
 */
export class InlineCompletionEngine {
  private readonly delay: (ms: number, signal: AbortSignal) => Promise<boolean>;

  constructor(private readonly deps: InlineEngineDeps) {
    this.delay = deps.delay ?? abortableDelay;
  }

  buildRequest(context: InlineContext, settings: CometSettings): CompletionRequestBody {
    const prompt = context.prefix.slice(-settings.inline.maxPrefixChars);
    const body: CompletionRequestBody = {
      model: settings.model,
      prompt,
      max_tokens: settings.inline.maxTokens,
      temperature: settings.temperature,
      top_p: settings.topP,
      n: context.explicit ? settings.inline.candidates : 1,
      stream: settings.stream,
    };
    const suffix = context.suffix.slice(0, settings.inline.maxSuffixChars);
    if (settings.useSuffix && suffix.length > 0) body.suffix = suffix;
    if (settings.logprobs !== null) body.logprobs = settings.logprobs;
    if (settings.stop.length > 0) body.stop = settings.stop.slice(0, 4);
    return body;
  }

  async suggest(context: InlineContext, signal: AbortSignal): Promise<string[]> {
    const settings = this.deps.settings();
    if (!context.explicit && !(await this.delay(settings.inline.debounceMs, signal))) return [];
    if (signal.aborted) return [];
    const outcome = await this.deps.complete(this.buildRequest(context, settings), signal);
    if (!outcome || !outcome.ok || signal.aborted) return [];
    const seen = new Set<string>();
    const suggestions: string[] = [];
    for (const choice of outcome.result.choices) {
      const text = choice.text.replace(/\s+$/, '');
      if (text.trim() === '' || seen.has(text)) continue;
      seen.add(text);
      suggestions.push(text);
    }
    return suggestions;
  }
}
