/**
 * How many bytes a response to this request may take before it is cut off
 * ({@link ClientConfig.maxResponseBytes}): 1 MiB, or more for a request that could legitimately
 * produce more in one body (many choices × many tokens, with logprobs), never over 64 MiB.
 */
import { DEFAULT_MAX_RESPONSE_BYTES } from '../client/completionClient';
import type { CompletionRequestBody } from '../client/completionTypes';

const CEILING_BYTES = 64 * 1024 * 1024;

export function responseByteCap(body: Pick<CompletionRequestBody, 'n' | 'max_tokens' | 'logprobs'>): number {
  const n = Number.isFinite(body.n) && body.n > 0 ? body.n : 1;
  const tokens = Number.isFinite(body.max_tokens) && body.max_tokens > 0 ? body.max_tokens : 1;
  // Plain text costs a few bytes per token; each logprob entry (token, value, alternatives) a few hundred.
  const perToken = typeof body.logprobs === 'number' ? 256 + 64 * Math.max(0, body.logprobs) : 16;
  return Math.max(DEFAULT_MAX_RESPONSE_BYTES, Math.min(CEILING_BYTES, 2 * n * tokens * perToken));
}
