/**
 * A ghost-text stream the engine ended itself, as its request sees it.
 *
 * The engine stops a stream once it has enough (`stoppedEarly`: a stop sequence, `maxLines`
 * lines, the end of the block) or because it is no longer wanted (`aborted`: the user typed
 * something else, dismissed it, closed the document). Either way the request's AbortSignal
 * carries a {@link StreamStop} as its reason, with what had arrived, so that whoever logs and
 * counts the request can tell "we had enough" from "cancelled", and count the tokens: a
 * gateway bills what it generated, whether or not the client read to the end.
 *
 * `settleStoppedStream` turns the client's `aborted` outcome of such a request into what it
 * was: a stopped-early stream is a success with the text received and an *estimated* usage
 * (the server's usage only comes at the end of a stream); an engine abort stays `aborted`, its
 * message saying why and about how many tokens it cost, and its meta carrying that estimate
 * (`stoppedUsage`) when text had arrived, so the session still counts what was billed. Pure.
 */
import { ApiError } from '../client/apiError';
import type { CompletionOutcome } from '../client/completionClient';
import type { CompletionRequestBody, CompletionUsage } from '../client/completionTypes';
import type { StopSignal } from '../client/stopSignal';

/**
 * Characters per token for estimates: OpenAI's rule of thumb for English text. Code and
 * non-English text often have fewer, so estimates lean low; each streamed piece (usually one
 * token) is counted at least once.
 */
export const ESTIMATE_CHARS_PER_TOKEN = 4;

/** `finish_reason` of a stream the engine stopped once it had enough (no server says this). */
export const STOPPED_EARLY_FINISH = 'stopped_early';

/** What one choice of the stream had received when it was stopped. */
export interface ReceivedChoice {
  index: number;
  /** The text the engine kept (up to where the choice had enough). */
  text: string;
  /** Non-empty pieces that arrived for this choice, kept or not. */
  pieces: number;
  /** Characters that arrived for this choice, kept or not. */
  chars: number;
}

export class StreamStop {
  constructor(
    readonly end: 'stoppedEarly' | 'aborted',
    /** For the log: `enough received`, `the user typed something else`, … */
    readonly why: string,
    readonly received: readonly ReceivedChoice[],
  ) {}

  /** Whether any text arrived before the stop. */
  get receivedAny(): boolean {
    return this.received.some((choice) => choice.pieces > 0);
  }
}

/** The usage of a request stopped after `received` arrived, estimated from the text. */
export function estimatedUsage(body: Pick<CompletionRequestBody, 'prompt' | 'suffix'>, received: readonly ReceivedChoice[]): CompletionUsage {
  const promptTokens = Math.ceil((body.prompt.length + (body.suffix?.length ?? 0)) / ESTIMATE_CHARS_PER_TOKEN);
  let completionTokens = 0;
  for (const choice of received) completionTokens += Math.max(choice.pieces, Math.ceil(choice.chars / ESTIMATE_CHARS_PER_TOKEN));
  return { promptTokens, completionTokens, totalTokens: promptTokens + completionTokens, estimated: true };
}

/**
 * The outcome of a request as what it was when the engine stopped it (see the file comment);
 * any other outcome unchanged.
 */
export function settleStoppedStream(outcome: CompletionOutcome, signal: StopSignal, body: CompletionRequestBody): CompletionOutcome {
  if (outcome.ok || outcome.error.kind !== 'aborted') return outcome;
  const stop: unknown = signal.reason;
  if (!(stop instanceof StreamStop)) return outcome;
  if (stop.end === 'stoppedEarly') {
    return {
      ok: true,
      meta: outcome.meta,
      result: {
        id: '',
        model: body.model,
        created: 0,
        choices: stop.received.map((choice) => ({ index: choice.index, text: choice.text, finishReason: STOPPED_EARLY_FINISH, logprobs: [] })),
        usage: estimatedUsage(body, stop.received),
      },
    };
  }
  const spent = stop.receivedAny ? estimatedUsage(body, stop.received) : undefined;
  const cost = spent ? ` after about ${spent.totalTokens} tokens (estimated)` : '';
  return {
    ok: false,
    meta: spent ? { ...outcome.meta, stoppedUsage: { ...spent, model: body.model } } : outcome.meta,
    error: new ApiError({ kind: 'aborted', message: `Stopped by Comet Complete: ${stop.why}${cost}.` }),
  };
}
