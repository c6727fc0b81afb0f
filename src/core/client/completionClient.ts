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
import { applyDegrades, degradeForRefusal, degradeName, SESSION_REFUSED_PARAMETERS } from './refusedParameters';
import { buildWireBody } from './wireBody';
import { parseBaseUrl } from '../endpoint/baseUrl';

export type { ClientConfig, CompletionOutcome, RequestHooks, RequestMeta };
export { DEFAULT_MAX_RESPONSE_BYTES, DEFAULT_MAX_STREAM_BYTES, DEFAULT_TOTAL_TIMEOUT_MS } from './clientConfig';
export { completionsUrl } from '../endpoint/baseUrl';
export { buildWireBody };

/** At most this many parameters are given up in one call (each costs a round trip, once per server and model). */
const MAX_DEGRADES_PER_CALL = 3;

/**
 * Sends one completion request and reads the whole answer (streamed or not).
 * Never throws or rejects. ({@link ApiError} is what a failed outcome carries.)
 *
 * A 400 that names a parameter this server does not take (`suffix`, `n`, `logprobs`, `top_p`,
 * `stream_options`, an unknown field) is answered by sending the request again without it,
 * before any text arrived, and remembered for that server and model for the session: the
 * refusal costs one round trip once, is said in `meta.refused`, and never reaches the caller
 * as a failure.
 */
export async function requestCompletion(
  config: ClientConfig,
  body: CompletionRequestBody,
  hooks: RequestHooks = {},
): Promise<CompletionOutcome> {
  const memory = config.refusedParameters === undefined ? SESSION_REFUSED_PARAMETERS : config.refusedParameters;
  const parsed = memory ? parseBaseUrl(String(config.baseUrl ?? '')) : undefined;
  const origin = parsed && 'url' in parsed ? parsed.url.origin : undefined;
  const model = typeof body?.model === 'string' ? body.model : '';
  if (!memory || !origin) return new CompletionExchange(config, body, hooks).run();

  const refused: string[] = [];
  for (let attempt = 0; ; attempt++) {
    const degrades = memory.for(origin, model);
    let delivered = false;
    const outcome = await new CompletionExchange(
      config,
      body,
      {
        ...hooks,
        onDelta: (delta) => {
          delivered = true;
          hooks.onDelta?.(delta);
        },
      },
      degrades,
    ).run();
    if (refused.length > 0) outcome.meta.refused = refused;
    if (outcome.ok || delivered || attempt >= MAX_DEGRADES_PER_CALL || hooks.signal?.aborted) return outcome;
    const degrade = degradeForRefusal(outcome.error, applyDegrades(buildWireBody(body), degrades));
    if (!degrade || !memory.remember(origin, model, degrade)) return outcome;
    const said = outcome.error.serverMessage ?? outcome.error.message;
    refused.push(`${origin} refused it for “${model}” (${outcome.error.status ?? outcome.error.kind}: ${said}); ${degradeName(degrade)} from now on`);
  }
}
