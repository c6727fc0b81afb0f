/**
 * Assembles a {@link CompletionResult} from completion objects as servers send them:
 * streamed chunks (choices interleaved by `index` when n > 1) or one whole response body.
 *
 * Tolerant of what OpenAI-compatible servers really send: `chatcmpl-` ids, extra fields
 * (`timings`, `system_fingerprint`), `object` missing, chunks with empty `text` or empty
 * `choices`, `usage` in the last chunk, anywhere, or nowhere, and both logprobs shapes.
 */
import type { CompletionChoice, CompletionDelta, CompletionResult, CompletionUsage, TokenLogprob } from './completionTypes';
import { normalizeLogprobs } from './logprobsNormalizer';
import { isRecord } from '../json/isRecord';

/** Whether a parsed JSON value is a completion object (or chunk): an object with a `choices` array. */
export function isCompletionObject(value: unknown): value is Record<string, unknown> & { choices: unknown[] } {
  return isRecord(value) && Array.isArray(value.choices);
}

function count(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;
}

/** `{prompt_tokens, completion_tokens, total_tokens}` → CompletionUsage, filling a missing total; undefined if no counts. */
export function normalizeUsage(raw: unknown): CompletionUsage | undefined {
  if (!isRecord(raw)) return undefined;
  const promptTokens = count(raw.prompt_tokens);
  const completionTokens = count(raw.completion_tokens);
  const totalTokens = count(raw.total_tokens);
  if (promptTokens === undefined && completionTokens === undefined && totalTokens === undefined) return undefined;
  return {
    promptTokens: promptTokens ?? 0,
    completionTokens: completionTokens ?? 0,
    totalTokens: totalTokens ?? (promptTokens ?? 0) + (completionTokens ?? 0),
  };
}

interface ChoiceState {
  pieces: string[];
  finishReason: string | null;
  logprobs: TokenLogprob[];
}

export class CompletionAccumulator {
  private id = '';
  private model = '';
  private created = 0;
  private usage: CompletionUsage | undefined;
  private readonly choices = new Map<number, ChoiceState>();
  private objects = 0;

  /** How many completion objects were added. */
  get objectCount(): number {
    return this.objects;
  }

  /**
   * Adds one completion object (a streamed chunk or a whole body) and returns the pieces of
   * new text it carried, in order, leaving out empty ones.
   */
  add(object: Record<string, unknown> & { choices: unknown[] }): CompletionDelta[] {
    this.objects++;
    if (!this.id && typeof object.id === 'string') this.id = object.id;
    if (!this.model && typeof object.model === 'string') this.model = object.model;
    if (!this.created && typeof object.created === 'number' && Number.isFinite(object.created)) this.created = object.created;
    const usage = normalizeUsage(object.usage);
    if (usage) this.usage = usage;

    const deltas: CompletionDelta[] = [];
    object.choices.forEach((raw, position) => {
      if (!isRecord(raw)) return;
      const index = typeof raw.index === 'number' && Number.isInteger(raw.index) && raw.index >= 0 ? raw.index : position;
      let state = this.choices.get(index);
      if (!state) {
        state = { pieces: [], finishReason: null, logprobs: [] };
        this.choices.set(index, state);
      }
      const text = typeof raw.text === 'string' ? raw.text : '';
      const logprobs = normalizeLogprobs(raw.logprobs);
      if (text) state.pieces.push(text);
      if (logprobs.length) state.logprobs.push(...logprobs);
      if (typeof raw.finish_reason === 'string' && raw.finish_reason) state.finishReason = raw.finish_reason;
      if (text) deltas.push({ index, text, logprobs });
    });
    return deltas;
  }

  /** The result so far, choices sorted by index. */
  result(): CompletionResult {
    const choices: CompletionChoice[] = [...this.choices.entries()]
      .sort(([a], [b]) => a - b)
      .map(([index, s]) => ({ index, text: s.pieces.join(''), finishReason: s.finishReason, logprobs: s.logprobs }));
    const result: CompletionResult = { id: this.id, model: this.model, created: this.created, choices };
    if (this.usage) result.usage = this.usage;
    return result;
  }
}
