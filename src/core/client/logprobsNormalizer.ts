/**
 * Log probabilities come in two shapes from OpenAI-compatible `/completions` servers:
 *
 * - legacy (OpenAI, vLLM): `{ tokens: [], token_logprobs: [], top_logprobs: [{ "tok": lp }], text_offset: [] }`
 * - chat-style (llama.cpp `llama-server`, some gateways):
 *   `{ content: [{ token, logprob, top_logprobs: [{ token, logprob }] }] }`
 *
 * Both become `TokenLogprob[]`. Anything else (null, garbage) becomes `[]`; entries without a
 * string token or a finite numeric log probability are skipped; alternatives are sorted most
 * likely first.
 */
import type { TokenLogprob, TopLogprob } from './completionTypes';
import { isRecord } from '../json/isRecord';

function isLogprob(value: unknown): value is number {
  return typeof value === 'number' && !Number.isNaN(value);
}

function byLikelihood(a: TopLogprob, b: TopLogprob): number {
  return b.logprob - a.logprob;
}

/** `{ "tok": lp, ... }` → TopLogprob[] */
function topFromMap(raw: unknown): TopLogprob[] {
  if (!isRecord(raw)) return [];
  const top: TopLogprob[] = [];
  for (const [token, logprob] of Object.entries(raw)) {
    if (isLogprob(logprob)) top.push({ token, logprob });
  }
  return top.sort(byLikelihood);
}

/** `[{ token, logprob }, ...]` → TopLogprob[] */
function topFromList(raw: unknown): TopLogprob[] {
  if (!Array.isArray(raw)) return [];
  const top: TopLogprob[] = [];
  for (const entry of raw) {
    if (isRecord(entry) && typeof entry.token === 'string' && isLogprob(entry.logprob)) {
      top.push({ token: entry.token, logprob: entry.logprob });
    }
  }
  return top.sort(byLikelihood);
}

function fromLegacy(raw: Record<string, unknown>): TokenLogprob[] {
  const tokens = raw.tokens;
  const logprobs = raw.token_logprobs;
  if (!Array.isArray(tokens) || !Array.isArray(logprobs)) return [];
  const tops = Array.isArray(raw.top_logprobs) ? raw.top_logprobs : [];
  const out: TokenLogprob[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    const logprob = logprobs[i];
    if (typeof token !== 'string' || !isLogprob(logprob)) continue;
    const top = tops[i];
    out.push({ token, logprob, top: Array.isArray(top) ? topFromList(top) : topFromMap(top) });
  }
  return out;
}

function fromChat(content: unknown[]): TokenLogprob[] {
  const out: TokenLogprob[] = [];
  for (const entry of content) {
    if (!isRecord(entry) || typeof entry.token !== 'string' || !isLogprob(entry.logprob)) continue;
    out.push({ token: entry.token, logprob: entry.logprob, top: topFromList(entry.top_logprobs) });
  }
  return out;
}

/** Normalises a choice's `logprobs` field, whatever its shape, into `TokenLogprob[]`. */
export function normalizeLogprobs(raw: unknown): TokenLogprob[] {
  if (!isRecord(raw)) return [];
  if (Array.isArray(raw.content)) return fromChat(raw.content);
  return fromLegacy(raw);
}
