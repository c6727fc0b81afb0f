import { CompletionRequestBody } from '../client/completionTypes';
import { fitWireStops } from '../client/wireStops';
import { CometSettings } from '../settings/cometSettings';

/** The request "Complete Selection" sends: every parameter as the user set it. */
export function buildSelectionRequest(settings: CometSettings, prompt: string, suffix?: string): CompletionRequestBody {
  const body: CompletionRequestBody = {
    model: settings.model,
    prompt,
    max_tokens: settings.maxTokens,
    temperature: settings.temperature,
    top_p: settings.topP,
    n: settings.n,
    stream: settings.stream,
  };
  if (settings.useSuffix && suffix) body.suffix = suffix;
  if (settings.logprobs !== null) body.logprobs = settings.logprobs;
  const stop = fitWireStops(settings.stop).sent;
  if (stop.length > 0) body.stop = stop;
  return body;
}
