/**
 * The shapes shared by the whole core: what we ask the `/completions` route for,
 * and what we hand back to callers once a (streamed or plain) response is complete.
 * Wire names (`max_tokens`, `top_p`) stay snake_case in {@link CompletionRequestBody};
 * everything we produce ourselves is camelCase.
 */

/** Request body for `POST {baseUrl}/completions`, as sent on the wire (see `wireBody.ts`; notes for the log are not sent). */
export interface CompletionRequestBody {
  model: string;
  prompt: string;
  suffix?: string;
  max_tokens: number;
  temperature: number;
  top_p: number;
  n: number;
  stream: boolean;
  /** Omitted from the wire when null. */
  logprobs?: number;
  /** Omitted from the wire when empty; never more than 4 entries. */
  stop?: string[];
  /** Never sent: stops that did not fit the 4-stop limit (in priority order), for the request log. */
  stopsLeftOut?: string[];
}

/** One alternative token with its log probability. */
export interface TopLogprob {
  token: string;
  logprob: number;
}

/** A generated token with its log probability, normalised from the legacy or the chat logprobs shape. */
export interface TokenLogprob {
  token: string;
  logprob: number;
  top: TopLogprob[];
}

export type FinishReason = 'stop' | 'length' | 'content_filter' | string;

export interface CompletionChoice {
  index: number;
  text: string;
  /** null when the server never said (for example an aborted stream). */
  finishReason: FinishReason | null;
  /**
   * Which stop ended the choice, where the server says (vLLM's `stop_reason`: the stop string,
   * or a stop token's id; null for an end-of-text token). Undefined when the server does not say.
   */
  stopReason?: string | number | null;
  logprobs: TokenLogprob[];
}

export interface CompletionUsage {
  promptTokens: number;
  completionTokens: number;
  totalTokens: number;
  /** Counted by us from the text (a stream we stopped before the server's usage came), not sent by the server. */
  estimated?: boolean;
}

export interface CompletionResult {
  id: string;
  model: string;
  created: number;
  /** Sorted by index. */
  choices: CompletionChoice[];
  /** Absent when the server sent none. */
  usage?: CompletionUsage;
}

/** A piece of streamed text for one choice, delivered as it arrives. */
export interface CompletionDelta {
  index: number;
  text: string;
  logprobs: TokenLogprob[];
  /** How many of the server's pieces this delta joins (lineGrouping.ts); 1 when absent. */
  pieces?: number;
}
