/**
 * Shared wire pieces of the server profiles: reading the request, streaming chunks in a
 * server's own shape, and the texts the profiles "generate".
 */
import type * as http from 'node:http';
import { endResponse, isOpen, RecordedRequest, sendJson, startSse, writeRaw } from '../openAiTestServer';

/** What every profile answers for a code prompt: the body of `add(a, b)`. */
export const MIDDLE = 'return a + b';
/** Choice `index` of a sampled answer with n > 1: the second choice differs (same number of pieces), so Alt+\ has two to cycle. */
export function middleFor(index: number): string {
  return index % 2 === 0 ? MIDDLE : 'return b + a';
}

/** What a chat-tuned model says when a completion prompt lands in a chat turn (Ollama without `suffix`). */
export const CHATTER = "Sure! Here's the completed function:\n\n```python\ndef add(a, b):\n    return a + b\n```";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Body = Record<string, any>;

export function bodyOf(req: RecordedRequest): Body {
  return req.body && typeof req.body === 'object' ? (req.body as Body) : {};
}

export function pathOf(req: RecordedRequest): string {
  return req.url.split('?')[0];
}

/** The pieces a profile streams: the text split after each space. */
export function piecesOf(text: string): string[] {
  return text.match(/\S+\s*|\s+/g) ?? [text];
}

/** `n` as asked, within 1..max. */
export function choiceCount(body: Body, max: number): number {
  const n = typeof body.n === 'number' && Number.isInteger(body.n) ? body.n : 1;
  return Math.max(1, Math.min(n, max));
}

/** Text cut at the first stop sequence the request names (servers do this server-side). */
export function cutAtStop(text: string, stop: unknown): { text: string; stopped: boolean; matched?: string } {
  const stops = typeof stop === 'string' ? [stop] : Array.isArray(stop) ? stop.filter((s): s is string => typeof s === 'string' && s !== '') : [];
  let end = text.length;
  let matched: string | undefined;
  for (const s of stops) {
    const at = text.indexOf(s);
    if (at >= 0 && at < end) {
      end = at;
      matched = s;
    }
  }
  return { text: text.slice(0, end), stopped: end < text.length, ...(matched !== undefined ? { matched } : {}) };
}

export function usageOf(prompt: string, completionTokens: number): { prompt_tokens: number; completion_tokens: number; total_tokens: number } {
  const p = Math.max(1, Math.ceil(String(prompt ?? '').length / 4));
  return { prompt_tokens: p, completion_tokens: completionTokens, total_tokens: p + completionTokens };
}

/** Writes one `data:` event with exactly this object (no recording, no reshaping). */
export function writeEvent(res: http.ServerResponse, data: unknown): Promise<void> {
  return writeRaw(res, `data: ${typeof data === 'string' ? data : JSON.stringify(data)}\n\n`);
}

export async function streamEvents(res: http.ServerResponse, headers: http.OutgoingHttpHeaders, events: unknown[], done = true): Promise<void> {
  startSse(res, headers);
  for (const event of events) {
    if (!isOpen(res)) return;
    await writeEvent(res, event);
  }
  if (done) await writeEvent(res, '[DONE]');
  await endResponse(res);
}

export function sendBody(res: http.ServerResponse, status: number, body: unknown, headers: http.OutgoingHttpHeaders): Promise<void> {
  return sendJson(res, status, body, headers);
}

/** Legacy (OpenAI) logprobs for the given tokens: `{tokens, token_logprobs, top_logprobs, text_offset}` with `k` alternatives. */
export function legacyLogprobs(tokens: string[], k: number): unknown {
  let offset = 0;
  return {
    tokens,
    token_logprobs: tokens.map((_, i) => -(i + 1) / 8),
    top_logprobs: tokens.map((t, i) => Object.fromEntries([[t, -(i + 1) / 8], ...Array.from({ length: Math.max(0, k - 1) }, (_, j) => [`<alt${j}>`, -(i + 2 + j) / 8])])),
    text_offset: tokens.map((t) => {
      const at = offset;
      offset += t.length;
      return at;
    }),
  };
}

/** llama.cpp's chat-shaped logprobs: `{content: [{id, token, bytes, logprob, top_logprobs}]}` (see captures/llama-server/06). */
export function chatLogprobs(tokens: string[], k: number): unknown {
  return {
    content: tokens.map((token, i) => ({
      id: 1000 + i,
      token,
      bytes: [...Buffer.from(token, 'utf8')],
      logprob: -(i + 1) / 8,
      top_logprobs: [
        { id: 1000 + i, token, bytes: [...Buffer.from(token, 'utf8')], logprob: -(i + 1) / 8 },
        ...Array.from({ length: Math.max(0, k - 1) }, (_, j) => ({ id: 2000 + j, token: `<alt${j}>`, bytes: [60], logprob: -(i + 2 + j) / 8 })),
      ],
    })),
  };
}
