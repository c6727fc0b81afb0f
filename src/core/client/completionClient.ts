/**
 * The client for `POST {baseUrl}/completions` (the legacy OpenAI text completions API and the
 * servers that imitate it: CometAPI, llama.cpp `llama-server`, vLLM, Ollama, gateways).
 *
 * {@link requestCompletion} never throws: every failure comes back as an {@link ApiError} in the
 * outcome, its texts redacted of the API key. It logs nothing; callers log from {@link RequestMeta}.
 *
 * Calm under a bad server: redirects are never followed; connecting, the first byte, each gap
 * between chunks and the whole exchange each have a time limit; a body, an SSE line or event, and
 * a whole stream each have a size limit. Every stop closes the connection. Retries are the
 * caller's choice (see `reliability/requestWithRetries`).
 *
 * The parts: `clientConfig.ts` (what goes in and out, limits), `wireBody.ts` (the JSON sent),
 * `completionExchange.ts` (one request/response), `wholeResponse.ts` (a non-streamed body),
 * `completionStreamDecoder.ts` (a stream), `httpErrorMapper.ts` (error statuses).
 */
import type { ClientConfig, CompletionOutcome, RequestHooks, RequestMeta } from './clientConfig';
import { CompletionExchange } from './completionExchange';
import type { CompletionRequestBody } from './completionTypes';

export type { ClientConfig, CompletionOutcome, RequestHooks, RequestMeta };
export { DEFAULT_MAX_RESPONSE_BYTES, DEFAULT_MAX_STREAM_BYTES, DEFAULT_TOTAL_TIMEOUT_MS } from './clientConfig';
export { completionsUrl } from './completionExchange';
export { buildWireBody } from './wireBody';

/**
 * Sends one completion request and reads the whole answer (streamed or not).
 * Never throws or rejects. ({@link ApiError} is what a failed outcome carries.)
 */
export async function requestCompletion(
  config: ClientConfig,
  body: CompletionRequestBody,
  hooks: RequestHooks = {},
): Promise<CompletionOutcome> {
  const exchange = new CompletionExchange(config, body, hooks);
  return exchange.run();
}
