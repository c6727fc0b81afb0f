import type { CompletionRequestBody } from './completionTypes';
import { fitWireStops } from './wireStops';

/**
 * The JSON body as sent: `suffix` only when given, `logprobs` only when a number,
 * `stop` only when non-empty (at most 4 non-empty sequences).
 */
export function buildWireBody(body: CompletionRequestBody): Record<string, unknown> {
  const wire: Record<string, unknown> = { model: body.model, prompt: body.prompt };
  if (typeof body.suffix === 'string') wire.suffix = body.suffix;
  wire.max_tokens = body.max_tokens;
  wire.temperature = body.temperature;
  wire.top_p = body.top_p;
  wire.n = body.n;
  wire.stream = body.stream;
  // OpenAI (and vLLM, Ollama, CometAPI) only report usage in a stream when asked to.
  if (body.stream) wire.stream_options = { include_usage: true };
  if (typeof body.logprobs === 'number') wire.logprobs = body.logprobs;
  const stop = Array.isArray(body.stop) ? fitWireStops(body.stop).sent : [];
  if (stop.length) wire.stop = stop;
  return wire;
}
