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

/** A chat-completions choice: `{message: {content}}` or a chunk's `{delta: {content}}`. */
function isChatShaped(choice: Record<string, unknown>): boolean {
  const part = isRecord(choice.message) ? choice.message : isRecord(choice.delta) ? choice.delta : undefined;
  return part !== undefined && (typeof part.content === 'string' || typeof part.role === 'string' || part.content === null);
}

/** TGI's `eos_token` / `stop_sequence` mean what everyone else calls `stop`. */
function normalizeFinishReason(reason: string): string {
  return reason === 'eos_token' || reason === 'stop_sequence' ? 'stop' : reason;
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
  stopReason?: string | number | null;
  logprobs: TokenLogprob[];
}

export class CompletionAccumulator {
  private id = '';
  private model = '';
  private created = 0;
  private usage: CompletionUsage | undefined;
  private readonly choices = new Map<number, ChoiceState>();
  private objects = 0;
  private chatShaped = 0;
  /** Server signatures seen in the objects (`system_fingerprint`, llama.cpp's `timings`), for server identification. */
  readonly signature: { systemFingerprint?: string; timings?: boolean } = {};

  /**
   * How many choices came in chat shape (`message.content` or `delta.content`, no `text`): a
   * chat model behind a gateway answering the legacy route. Their text is not a completion.
   */
  get chatShapedChoices(): number {
    return this.chatShaped;
  }

  /** Whether any choice carried text (`choices[].text`, non-empty). */
  get hasText(): boolean {
    for (const state of this.choices.values()) if (state.pieces.length > 0) return true;
    return false;
  }

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
    if (this.signature.systemFingerprint === undefined && typeof object.system_fingerprint === 'string') this.signature.systemFingerprint = object.system_fingerprint;
    if (!this.signature.timings && isRecord(object.timings)) this.signature.timings = true;
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
      if (typeof raw.text !== 'string' && isChatShaped(raw)) this.chatShaped++;
      const text = typeof raw.text === 'string' ? raw.text : '';
      const logprobs = normalizeLogprobs(raw.logprobs);
      if (text) state.pieces.push(text);
      if (logprobs.length) state.logprobs.push(...logprobs);
      if (typeof raw.finish_reason === 'string' && raw.finish_reason) state.finishReason = normalizeFinishReason(raw.finish_reason);
      // vLLM sends `stop_reason: null` on every chunk and the stop that fired on the last.
      if ('stop_reason' in raw) {
        const reason = raw.stop_reason;
        if (typeof reason === 'string' || typeof reason === 'number') state.stopReason = reason;
        else if (state.stopReason === undefined) state.stopReason = null;
      }
      if (text) deltas.push({ index, text, logprobs });
    });
    return deltas;
  }

  /** The result so far, choices sorted by index. */
  result(): CompletionResult {
    const choices: CompletionChoice[] = [...this.choices.entries()]
      .sort(([a], [b]) => a - b)
      .map(([index, s]) => ({
        index,
        text: s.pieces.join(''),
        finishReason: s.finishReason,
        ...(s.stopReason !== undefined ? { stopReason: s.stopReason } : {}),
        logprobs: s.logprobs,
      }));
    const result: CompletionResult = { id: this.id, model: this.model, created: this.created, choices };
    if (this.usage) result.usage = this.usage;
    return result;
  }
}
