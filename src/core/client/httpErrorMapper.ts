/**
 * Turns a failed exchange into one user-facing {@link ApiError}:
 * an HTTP error status (with the server's body and headers), or a fetch that never got a response.
 * Every server-provided text is redacted with the API key before it is used.
 */
import { ApiError, ApiErrorInit } from './apiError';
import { isRecord } from '../json/isRecord';
import { redactErrorInit, redactSecret } from './secretRedactor';

/** What the messages need to name the request, and the key to keep out of them. */
export interface ErrorContext {
  /** The completions URL, already free of credentials; shown to the user. */
  url: string;
  model?: string;
  /** The API key; redacted from every text. */
  secret?: string;
}

/** The OpenAI error object (`{"error":{"message","type","code"}}`) or whatever part of it a server sent. */
export interface ServerErrorDetails {
  message?: string;
  type?: string;
  code?: string;
}

/** Anything with `get(name)`, such as fetch's `Headers`. */
export interface HeaderLookup {
  get(name: string): string | null;
}

const MAX_SERVER_MESSAGE_CHARS = 500;

function clip(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > MAX_SERVER_MESSAGE_CHARS ? oneLine.slice(0, MAX_SERVER_MESSAGE_CHARS - 1) + '…' : oneLine;
}

function textOf(value: unknown): string | undefined {
  if (typeof value === 'string' && value.trim()) return clip(value);
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

function htmlTitle(html: string): string | undefined {
  const match = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(html);
  return match ? textOf(match[1].replace(/<[^>]*>/g, '')) : undefined;
}

/** Whether a body is an HTML page rather than an API answer. */
export function looksLikeHtml(body: string, contentType?: string | null): boolean {
  if (contentType && /\btext\/html\b/i.test(contentType)) return true;
  return /^\s*(\uFEFF)?\s*</.test(body);
}

/** Extracts the server's error details from a parsed JSON value. */
export function serverErrorFromJson(value: unknown): ServerErrorDetails {
  if (!isRecord(value)) return typeof value === 'string' ? { message: textOf(value) } : {};
  const error = value.error;
  if (isRecord(error)) {
    return {
      message: textOf(error.message) ?? textOf(error.detail),
      type: textOf(error.type),
      code: textOf(error.code),
    };
  }
  if (typeof error === 'string') {
    return { message: textOf(error), type: textOf(value.type), code: textOf(value.code) };
  }
  // `{"message": ...}` (vLLM: {"object":"error","message","type","code"}), FastAPI `{"detail": ...}`
  let message = textOf(value.message) ?? textOf(value.detail);
  if (!message && Array.isArray(value.detail)) {
    message = textOf(
      value.detail
        .map((d) => (isRecord(d) && typeof d.msg === 'string' ? d.msg : ''))
        .filter(Boolean)
        .join('; '),
    );
  }
  return { message, type: textOf(value.type), code: textOf(value.code) };
}

/**
 * Extracts the server's error details from a response body: the OpenAI shape, `{"error":"text"}`,
 * `{"message":...}`, a plain-text body, or the title of an HTML page.
 */
export function parseServerErrorBody(body: string, contentType?: string | null): ServerErrorDetails {
  const trimmed = body.trim();
  if (!trimmed) return {};
  try {
    return serverErrorFromJson(JSON.parse(trimmed));
  } catch {
    // not JSON
  }
  if (looksLikeHtml(trimmed, contentType)) return { message: htmlTitle(trimmed) };
  return { message: textOf(trimmed) };
}

/** `Retry-After` as seconds or an HTTP date (or `retry-after-ms`) → milliseconds to wait; undefined if absent or unreadable. */
export function parseRetryAfter(headers: HeaderLookup | undefined, nowMs: number = Date.now()): number | undefined {
  const ms = headers?.get('retry-after-ms')?.trim();
  if (ms && /^\d+(\.\d+)?$/.test(ms)) return Math.round(Number(ms));
  const value = headers?.get('retry-after')?.trim();
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) return Math.round(Number(value) * 1000);
  if (!/[a-z]/i.test(value)) return undefined; // an HTTP date names its day and month
  const date = Date.parse(value);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - nowMs);
}

/** 1500 → "2 s", 90000 → "1 min 30 s". */
export function formatWait(ms: number): string {
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  const rest = seconds % 60;
  return rest ? `${minutes} min ${rest} s` : `${minutes} min`;
}

/** "text." → "text", so we can append our own punctuation. */
function sentence(text: string): string {
  return text.replace(/[.\s]+$/, '');
}

function said(details: ServerErrorDetails): string {
  return details.message ? `: ${sentence(details.message)}` : '';
}

export const SET_KEY_HINT = 'Set your API key with “Comet Complete: Set API Key”.';

/** Maps a non-2xx HTTP response to an ApiError with a message meant for the user. */
export function mapHttpError(
  response: { status: number; body: string; headers?: HeaderLookup },
  ctx: ErrorContext,
  nowMs: number = Date.now(),
): ApiError {
  const { status } = response;
  const contentType = response.headers?.get('content-type');
  const details = parseServerErrorBody(redactSecret(response.body, ctx.secret), contentType);
  const retryAfterMs = parseRetryAfter(response.headers, nowMs);
  const base = {
    status,
    serverMessage: details.message,
    serverType: details.type,
    serverCode: details.code,
    retryAfterMs,
  };
  const model = ctx.model ? ` “${ctx.model}”` : '';
  let init: ApiErrorInit;
  if (status === 401 || status === 403) {
    init = { ...base, kind: 'auth', message: `The server rejected the API key (${status})${said(details)}. ${SET_KEY_HINT}` };
  } else if (status === 404) {
    init = {
      ...base,
      kind: 'notFound',
      message:
        `Not found (404) at POST ${ctx.url}: the base URL or the model${model} is wrong${said(details)}. ` +
        'Check “cometComplete.baseUrl” (it usually ends in /v1) and “cometComplete.model”.',
    };
  } else if (status === 429) {
    const wait = retryAfterMs !== undefined ? ` Try again in ${formatWait(retryAfterMs)}.` : ' Try again later.';
    init = { ...base, kind: 'rateLimited', message: `The server is rate-limiting requests (429)${said(details)}.${wait}` };
  } else if (status >= 500) {
    init = {
      ...base,
      kind: 'server',
      message: `The server failed (${status})${said(details)}. It may work if you try again later.`,
    };
  } else if (status >= 300 && status < 400) {
    const location = response.headers?.get('location');
    init = {
      ...base,
      kind: 'notFound',
      message:
        `The server redirects POST ${ctx.url} (${status})${location ? ` to ${location}` : ''}, so the base URL does not look like ` +
        'an OpenAI-compatible /v1 endpoint. Redirects are not followed (your API key is only sent to the base URL); ' +
        'set “cometComplete.baseUrl” to the final address.',
    };
  } else {
    const hint = details.message ? '' : ' Check the model and the request settings.';
    init = { ...base, kind: 'badRequest', message: `The server refused the request (${status})${said(details)}.${hint}` };
  }
  return new ApiError(redactErrorInit(init, ctx.secret));
}

/** The `code` of an error or of one of its causes (undici wraps them: `TypeError('fetch failed', { cause })`). */
function errorCode(error: unknown, depth = 0): string | undefined {
  if (!isRecord(error) && !(error instanceof Error)) return undefined;
  const e = error as { code?: unknown; cause?: unknown; errors?: unknown };
  if (typeof e.code === 'string' && e.code !== 'ERR_INVALID_ARG_TYPE') return e.code;
  if (depth > 5) return undefined;
  const fromCause = errorCode(e.cause, depth + 1);
  if (fromCause) return fromCause;
  if (Array.isArray(e.errors)) for (const inner of e.errors) {
    const code = errorCode(inner, depth + 1);
    if (code) return code;
  }
  return undefined;
}

function innermostMessage(error: unknown): string {
  let current: unknown = error;
  for (let depth = 0; depth < 5; depth++) {
    const cause = (current as { cause?: unknown })?.cause;
    if (!(cause instanceof Error)) break;
    current = cause;
  }
  return current instanceof Error ? current.message : String(current);
}

function describeNetworkCode(code: string | undefined): string | undefined {
  switch (code) {
    case 'ECONNREFUSED':
      return 'the connection was refused (is the server running, and is the port right?)';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'the host name could not be resolved (DNS)';
    case 'ECONNRESET':
    case 'EPIPE':
    case 'UND_ERR_SOCKET':
      return 'the connection was reset';
    case 'ETIMEDOUT':
    case 'UND_ERR_CONNECT_TIMEOUT':
      return 'connecting timed out';
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return 'the host is unreachable';
    default:
      if (code && /CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY/.test(code)) return `the TLS certificate was not accepted (${code})`;
      return undefined;
  }
}

/**
 * Maps a fetch that failed before (or while) a response arrived: connection refused or reset,
 * DNS failure, TLS failure. Always kind 'network' (retryable), naming the URL.
 */
export function mapNetworkError(error: unknown, ctx: ErrorContext, during?: string): ApiError {
  const code = errorCode(error);
  const reason = describeNetworkCode(code) ?? `${sentence(innermostMessage(error))}${code ? ` (${code})` : ''}`;
  const when = during ? ` ${during}` : '';
  return new ApiError(
    redactErrorInit(
      { kind: 'network', message: `Could not reach POST ${ctx.url}${when}: ${reason}.`, networkCode: code },
      ctx.secret,
    ),
  );
}
