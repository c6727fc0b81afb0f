/**
 * `GET` a JSON document with a timeout and an AbortSignal, for the model lists. Never throws:
 * failures come back as a reason written for the user, with the API key redacted from it.
 */
import { parseServerErrorBody } from '../client/httpErrorMapper';
import { redactSecret } from '../client/secretRedactor';

export interface FetchJsonOptions {
  /** Sent as `Authorization: Bearer <key>` when given and non-blank. */
  apiKey?: string;
  timeoutMs: number;
  signal?: AbortSignal;
  /** Largest body read, in characters. */
  maxChars?: number;
}

export type FetchJsonFailure = 'aborted' | 'timeout' | 'network' | 'auth' | 'http' | 'badJson';

export type FetchJsonOutcome =
  | { ok: true; json: unknown; status: number; ms: number }
  | { ok: false; failure: FetchJsonFailure; reason: string; status?: number; ms: number };

const DEFAULT_MAX_CHARS = 16 * 1024 * 1024;

/** The URL without user name or password, and without the key. */
function shown(url: string, secret: string | undefined): string {
  return redactSecret(url.replace(/\/\/[^/?#@]*@/, '//'), secret);
}

function networkReason(error: unknown): string {
  let current: unknown = error;
  let code: string | undefined;
  for (let depth = 0; depth < 5 && current; depth++) {
    const c = (current as { code?: unknown }).code;
    if (typeof c === 'string') code = c;
    const cause = (current as { cause?: unknown }).cause;
    if (!cause) break;
    current = cause;
  }
  switch (code) {
    case 'ECONNREFUSED':
      return 'the connection was refused';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'the host name could not be resolved';
    case 'ECONNRESET':
    case 'UND_ERR_SOCKET':
      return 'the connection was reset';
    default: {
      const message = current instanceof Error ? current.message : String(current);
      return code ? `${message} (${code})` : message;
    }
  }
}

export async function fetchJson(url: string, options: FetchJsonOptions): Promise<FetchJsonOutcome> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const secret = options.apiKey?.trim() || undefined;
  const where = `GET ${shown(url, secret)}`;
  const fail = (failure: FetchJsonFailure, reason: string, status?: number): FetchJsonOutcome => ({
    ok: false,
    failure,
    reason: redactSecret(reason, secret),
    status,
    ms: elapsed(),
  });
  if (options.signal?.aborted) return fail('aborted', 'Cancelled.');

  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, Math.max(1, options.timeoutMs));
  const onAbort = () => controller.abort();
  options.signal?.addEventListener('abort', onAbort, { once: true });
  const stopped = () =>
    timedOut ? fail('timeout', `No answer from ${where} within ${Math.round(options.timeoutMs / 100) / 10} s.`) : fail('aborted', 'Cancelled.');

  try {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (secret) headers.Authorization = `Bearer ${secret}`;
    let response: Response;
    try {
      response = await fetch(url, { method: 'GET', headers, signal: controller.signal, redirect: secret ? 'manual' : 'follow' });
    } catch (error) {
      return controller.signal.aborted ? stopped() : fail('network', `Could not reach ${where}: ${networkReason(error)}.`);
    }
    let body: string;
    try {
      body = await readText(response, options.maxChars ?? DEFAULT_MAX_CHARS);
    } catch (error) {
      return controller.signal.aborted ? stopped() : fail('network', `The connection broke while reading ${where}: ${networkReason(error)}.`);
    }
    if (!response.ok) {
      const said = parseServerErrorBody(body, response.headers.get('content-type')).message;
      const detail = said ? `: ${said.replace(/[.\s]+$/, '')}` : '';
      if (response.status >= 300 && response.status < 400) {
        const location = response.headers.get('location');
        return fail('http', `${where} redirects (${response.status})${location ? ` to ${shown(location, secret)}` : ''}; the key is not sent there. Set “cometComplete.baseUrl” to the final address.`, response.status);
      }
      if (response.status === 401 || response.status === 403) {
        return fail('auth', `The server rejected the API key (${response.status}) at ${where}${detail}.`, response.status);
      }
      return fail('http', `${where} answered ${response.status}${detail}.`, response.status);
    }
    try {
      return { ok: true, json: JSON.parse(body.replace(/^\uFEFF/, '')), status: response.status, ms: elapsed() };
    } catch {
      return fail('badJson', `${where} did not answer with JSON.`, response.status);
    }
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onAbort);
  }
}

/** The body as text, at most `maxChars` characters (then the read stops and the JSON will not parse). */
async function readText(response: Response, maxChars: number): Promise<string> {
  const reader = response.body?.getReader();
  if (!reader) return '';
  const decoder = new TextDecoder('utf-8');
  let text = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return text + decoder.decode();
    text += decoder.decode(value, { stream: true });
    if (text.length > maxChars) {
      await reader.cancel().catch(() => undefined);
      return text.slice(0, maxChars);
    }
  }
}
