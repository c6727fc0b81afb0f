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
 */
import { ApiError, ApiErrorInit } from './apiError';
import { CompletionAccumulator, isCompletionObject } from './completionAccumulator';
import { CompletionStreamDecoder } from './completionStreamDecoder';
import type { CompletionDelta, CompletionRequestBody, CompletionResult } from './completionTypes';
import { ErrorContext, looksLikeHtml, mapHttpError, mapNetworkError, parseServerErrorBody } from './httpErrorMapper';
import { redactErrorInit, redactSecret } from './secretRedactor';
import type { ConnectionPool } from '../transport/connectionPool';
import { BodyRead, BodyReader, HttpResponse } from '../transport/httpTransport';
import { sharedConnections } from '../transport/sharedConnections';

export interface ClientConfig {
  /** e.g. `https://api.cometapi.com/v1`; requests go to `{baseUrl without trailing slash}/completions`. */
  baseUrl: string;
  /** Sent as `Authorization: Bearer <key>` when given (and non-blank); never anywhere else. */
  apiKey?: string;
  /**
   * Longest wait for the response headers once connected (time to first byte); also the default
   * for the connect and idle timeouts below.
   */
  timeoutMs: number;
  /** Longest wait for the connection (TCP, and the TLS handshake for https). Default: `timeoutMs`. */
  connectTimeoutMs?: number;
  /** Longest gap between two body chunks once the response started. Default: `timeoutMs`. */
  idleTimeoutMs?: number;
  /** Longest the whole exchange may take, so a server trickling bytes forever is cut off. Default: 10 minutes. */
  totalTimeoutMs?: number;
  /** Most bytes of a non-streamed body, and of one server-sent-events line or event. Default: 1 MiB. */
  maxResponseBytes?: number;
  /** Most bytes of a whole streamed response. Default: 64 MiB. */
  maxStreamBytes?: number;
  userAgent?: string;
  /** The connections to send on (kept alive, HTTP/2 where offered). Default: the shared pool. */
  connections?: ConnectionPool;
}

export interface RequestHooks {
  /** Aborting closes the connection at once; the outcome is an ApiError of kind 'aborted'. */
  signal?: AbortSignal;
  /** Each non-empty piece of text as it arrives (streamed), or the whole text (not streamed). */
  onDelta?: (delta: CompletionDelta) => void;
}

export interface RequestMeta {
  /** HTTP status, when a response arrived. */
  status?: number;
  /** Milliseconds until the response headers arrived. */
  firstByteMs?: number;
  totalMs: number;
  /** The completions URL, without credentials or the key. */
  url: string;
}

export type CompletionOutcome =
  | { ok: true; result: CompletionResult; meta: RequestMeta }
  | { ok: false; error: ApiError; meta: RequestMeta };

/** Default for {@link ClientConfig.maxResponseBytes}. */
export const DEFAULT_MAX_RESPONSE_BYTES = 1024 * 1024;
/** Default for {@link ClientConfig.maxStreamBytes}. */
export const DEFAULT_MAX_STREAM_BYTES = 64 * 1024 * 1024;
/** Default for {@link ClientConfig.totalTimeoutMs}. */
export const DEFAULT_TOTAL_TIMEOUT_MS = 10 * 60 * 1000;
/** How much of an error body we read to find the server's message. */
const MAX_ERROR_BODY_BYTES = 64 * 1024;

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
  const stop = Array.isArray(body.stop) ? body.stop.filter((s) => typeof s === 'string' && s.length > 0).slice(0, 4) : [];
  if (stop.length) wire.stop = stop;
  return wire;
}

/** `{baseUrl without trailing slash}/completions`, or why the base URL cannot be used. */
export function completionsUrl(baseUrl: string): { url: URL } | { problem: string } {
  let url: URL;
  try {
    url = new URL(baseUrl.trim());
  } catch {
    return { problem: 'is not a valid URL' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { problem: 'must start with http:// or https://' };
  if (url.username || url.password) return { problem: 'must not contain a user name or password (set the API key instead)' };
  url.pathname = url.pathname.replace(/\/+$/, '') + '/completions';
  url.hash = '';
  return { url };
}

/** A URL as we may show it: no user name, password or key. */
function displayUrl(url: string, secret: string | undefined): string {
  return redactSecret(url.replace(/\/\/[^/?#@]*@/, '//'), secret);
}

function seconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(2))} s`;
}

function bytes(count: number): string {
  if (count >= 1024 * 1024) return `${Number((count / (1024 * 1024)).toFixed(1))} MB`;
  if (count >= 1024) return `${Number((count / 1024).toFixed(1))} KB`;
  return `${count} bytes`;
}

/** A positive finite number, else the fallback. */
function positive(value: number | undefined, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : fallback;
}

function notOpenAiCompatible(what: string, url: string): string {
  return (
    `${what}, so the base URL does not look like an OpenAI-compatible /v1 endpoint (POST ${url}). ` +
    'Check “cometComplete.baseUrl” (it usually ends in /v1).'
  );
}

/**
 * Sends one completion request and reads the whole answer (streamed or not).
 * Never throws or rejects.
 */
export async function requestCompletion(
  config: ClientConfig,
  body: CompletionRequestBody,
  hooks: RequestHooks = {},
): Promise<CompletionOutcome> {
  const exchange = new CompletionExchange(config, body, hooks);
  return exchange.run();
}

/** Why the exchange was stopped from outside the read loop: a timer ran out, or the caller aborted. */
type Stop = 'connect' | 'firstByte' | 'idle' | 'total' | 'aborted';

/**
 * The reason given to the transport when an exchange is stopped. The transport only asks
 * whether its signal aborted (the outcome says why, see `stoppedError`), so one shared object
 * does: a DOMException per abort would cost a stack trace on every keystroke that ends a stream.
 */
const STOPPED = Object.freeze(new Error('The exchange was stopped.'));

/** One request/response, with its timer, abort wiring and body reader. */
class CompletionExchange {
  private readonly startedAt = performance.now();
  private readonly secret: string | undefined;
  private readonly controller = new AbortController();
  private readonly ctx: ErrorContext;
  private status: number | undefined;
  private firstByteMs: number | undefined;
  private stopped: Stop | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private totalTimer: ReturnType<typeof setTimeout> | undefined;
  private reader: BodyReader | undefined;
  private readerDone = false;
  private readonly limits: {
    connectMs: number;
    firstByteMs: number;
    idleMs: number;
    totalMs: number;
    responseBytes: number;
    streamBytes: number;
  };

  constructor(
    private readonly config: ClientConfig,
    private readonly body: CompletionRequestBody,
    private readonly hooks: RequestHooks,
  ) {
    this.secret = typeof config.apiKey === 'string' && config.apiKey.trim() ? config.apiKey.trim() : undefined;
    const target = completionsUrl(String(config.baseUrl ?? ''));
    const shown = 'url' in target ? target.url.href : String(config.baseUrl ?? '');
    this.ctx = { url: displayUrl(shown, this.secret), model: body?.model, secret: this.secret };
    const firstByteMs = config.timeoutMs;
    this.limits = {
      connectMs: positive(config.connectTimeoutMs, firstByteMs),
      firstByteMs,
      idleMs: positive(config.idleTimeoutMs, firstByteMs),
      totalMs: positive(config.totalTimeoutMs, DEFAULT_TOTAL_TIMEOUT_MS),
      responseBytes: Math.floor(positive(config.maxResponseBytes, DEFAULT_MAX_RESPONSE_BYTES)),
      streamBytes: Math.floor(positive(config.maxStreamBytes, DEFAULT_MAX_STREAM_BYTES)),
    };
  }

  async run(): Promise<CompletionOutcome> {
    try {
      return await this.exchange();
    } catch (error) {
      // Not expected; keeps the never-throws promise.
      if (this.stopped) return this.fail(this.stoppedError());
      const message = error instanceof Error ? error.message : String(error);
      return this.fail(this.error({ kind: 'protocol', message: `Unexpected failure reading the response from POST ${this.ctx.url}: ${message}` }));
    } finally {
      this.cleanUp();
    }
  }

  private async exchange(): Promise<CompletionOutcome> {
    const target = completionsUrl(String(this.config.baseUrl ?? ''));
    if ('problem' in target) {
      return this.fail(
        this.error({ kind: 'config', message: `The base URL “${this.ctx.url}” ${target.problem}. Set “cometComplete.baseUrl”, for example https://api.cometapi.com/v1.` }),
      );
    }
    if (!(typeof this.config.timeoutMs === 'number' && this.config.timeoutMs > 0)) {
      return this.fail(this.error({ kind: 'config', message: `The request timeout must be a positive number of milliseconds (got ${this.config.timeoutMs}).` }));
    }
    const signal = this.hooks.signal;
    if (signal?.aborted) {
      this.stopped = 'aborted';
      return this.fail(this.stoppedError());
    }
    signal?.addEventListener('abort', this.onExternalAbort, { once: true });

    const headers: Record<string, string> = {
      'Content-Type': 'application/json',
      Accept: this.body.stream ? 'text/event-stream' : 'application/json',
    };
    if (this.secret) headers.Authorization = `Bearer ${this.secret}`;
    if (this.config.userAgent) headers['User-Agent'] = this.config.userAgent;

    this.totalTimer = setTimeout(() => this.stop('total'), this.limits.totalMs);
    this.armTimer('connect');
    let response: HttpResponse;
    try {
      // Node's http never follows a redirect, so the key is only ever sent to the base URL.
      response = await (this.config.connections ?? sharedConnections).send(target.url, {
        method: 'POST',
        headers,
        body: JSON.stringify(buildWireBody(this.body)),
        signal: this.controller.signal,
        onConnected: () => {
          if (!this.stopped) this.armTimer('firstByte');
        },
      });
    } catch (error) {
      return this.fail(this.stopped ? this.stoppedError() : mapNetworkError(error, this.ctx));
    }
    this.firstByteMs = performance.now() - this.startedAt;
    this.status = response.status;
    this.reader = response.body;
    if (this.stopped) return this.fail(this.stoppedError());
    this.armTimer('idle');

    const contentType = response.headers.get('content-type') ?? '';
    if (!response.ok) {
      const text = await this.readText(MAX_ERROR_BODY_BYTES, 'while reading the error');
      if (this.stopped === 'aborted') return this.fail(this.stoppedError());
      return this.fail(mapHttpError({ status: response.status, body: text.text, headers: response.headers }, this.ctx));
    }
    if (/text\/event-stream/i.test(contentType)) return this.readStream();
    return this.readWhole(contentType);
  }

  /** A `text/event-stream` response, decoded as it arrives. */
  private async readStream(): Promise<CompletionOutcome> {
    const decoder = this.newStreamDecoder();
    let received = 0;
    for (;;) {
      const chunk = await this.nextChunk('while streaming');
      if (chunk instanceof ApiError) return this.fail(chunk);
      if (chunk !== null) {
        received += chunk.byteLength;
        if (received > this.limits.streamBytes) return this.fail(this.tooLarge('streamed response', this.limits.streamBytes));
      }
      const end = chunk === null ? decoder.finish() : decoder.pushBytes(chunk);
      if (end?.kind === 'done') return this.succeed(decoder.accumulator);
      if (end?.kind === 'error') return this.fail(end.error);
    }
  }

  /** Any other response: one JSON completion (or, from sloppy servers, SSE without its content type). */
  private async readWhole(contentType: string): Promise<CompletionOutcome> {
    const { text, error, truncated } = await this.readText(this.limits.responseBytes, 'while reading the response');
    if (error) return this.fail(error);
    if (truncated) return this.fail(this.tooLarge('response', this.limits.responseBytes));
    const trimmed = text.replace(/^\uFEFF/, '').trim();
    if (/^(data:|:|event:)/.test(trimmed)) {
      const decoder = this.newStreamDecoder();
      decoder.pushText(text);
      const end = decoder.end ?? decoder.finish();
      return end.kind === 'done' ? this.succeed(decoder.accumulator) : this.fail(end.error);
    }
    if (!trimmed) {
      return this.fail(this.error({ kind: 'protocol', message: notOpenAiCompatible('The server sent an empty response', this.ctx.url) }));
    }
    if (looksLikeHtml(trimmed, contentType)) {
      return this.fail(this.error({ kind: 'protocol', message: notOpenAiCompatible('The server sent an HTML page instead of a completion', this.ctx.url) }));
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(trimmed);
    } catch {
      return this.fail(this.error({ kind: 'protocol', message: notOpenAiCompatible('The response is not JSON', this.ctx.url) }));
    }
    if (isCompletionObject(parsed)) {
      const accumulator = new CompletionAccumulator();
      for (const delta of accumulator.add(parsed)) this.deliver(delta);
      return this.succeed(accumulator);
    }
    const record = parsed as Record<string, unknown> | null;
    if (record && typeof record === 'object' && record.error !== undefined && record.error !== null) {
      const details = parseServerErrorBody(redactSecret(trimmed, this.secret));
      return this.fail(
        this.error({
          kind: 'stream',
          message: `The server reported an error instead of a completion${details.message ? `: ${details.message.replace(/[.\s]+$/, '')}` : ''}.`,
          serverMessage: details.message,
          serverType: details.type,
          serverCode: details.code,
        }),
      );
    }
    return this.fail(
      this.error({ kind: 'protocol', message: notOpenAiCompatible('The response is JSON but not a completion (it has no "choices" array)', this.ctx.url) }),
    );
  }

  private newStreamDecoder(): CompletionStreamDecoder {
    return new CompletionStreamDecoder({
      url: this.ctx.url,
      secret: this.secret,
      onDelta: (d) => this.deliver(d),
      maxEventChars: this.limits.responseBytes,
    });
  }

  private tooLarge(what: string, limit: number): ApiError {
    return this.error({
      kind: 'protocol',
      message:
        `The ${what} from POST ${this.ctx.url} is larger than ${bytes(limit)}, so it was cut off. ` +
        'A completion is never that large: the base URL may not be an OpenAI-compatible /v1 endpoint.',
    });
  }

  /**
   * Reads the rest of the body as text, at most `maxBytes` (then stops reading: the rest is
   * never buffered). A timeout or abort ends the read with what arrived so far, plus the error.
   */
  private async readText(maxBytes: number, during: string): Promise<{ text: string; error?: ApiError; truncated: boolean }> {
    const decoder = new TextDecoder('utf-8');
    let text = '';
    let received = 0;
    for (;;) {
      const chunk = await this.nextChunk(during);
      if (chunk instanceof ApiError) return { text, error: chunk, truncated: false };
      if (chunk === null) return { text: text + decoder.decode(), truncated: false };
      const room = maxBytes - received;
      received += chunk.byteLength;
      if (received > maxBytes) return { text: text + decoder.decode(chunk.subarray(0, Math.max(0, room))), truncated: true };
      text += decoder.decode(chunk, { stream: true });
    }
  }

  /** The next body chunk; null at the end; an ApiError when stopped or the connection broke. */
  private async nextChunk(during: string): Promise<Uint8Array | null | ApiError> {
    if (!this.reader || this.readerDone) return null;
    let read: BodyRead;
    try {
      read = await this.reader.read();
    } catch (error) {
      this.readerDone = true;
      return this.stopped ? this.stoppedError() : mapNetworkError(error, this.ctx, during);
    }
    if (this.stopped) return this.stoppedError();
    if (read.done) {
      this.readerDone = true;
      return null;
    }
    this.armTimer('idle');
    return read.value;
  }

  private deliver(delta: CompletionDelta): void {
    try {
      this.hooks.onDelta?.(delta);
    } catch {
      // A failing listener must not break the request.
    }
  }

  private readonly onExternalAbort = (): void => this.stop('aborted');

  /** (Re)starts the phase timer: connecting, waiting for the headers, or waiting for the next chunk. */
  private armTimer(phase: 'connect' | 'firstByte' | 'idle'): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    const ms = phase === 'connect' ? this.limits.connectMs : phase === 'firstByte' ? this.limits.firstByteMs : this.limits.idleMs;
    this.timer = setTimeout(() => this.stop(phase), ms);
  }

  private stop(reason: Stop): void {
    if (this.stopped) return;
    this.stopped = reason;
    if (this.timer !== undefined) clearTimeout(this.timer);
    if (this.totalTimer !== undefined) clearTimeout(this.totalTimer);
    this.controller.abort(STOPPED);
    this.reader?.cancel().catch(() => undefined);
  }

  private stoppedError(): ApiError {
    if (this.stopped === 'aborted') return this.error({ kind: 'aborted', message: 'The request was cancelled.' });
    const { connectMs, firstByteMs, idleMs, totalMs } = this.limits;
    let message: string;
    if (this.stopped === 'connect') {
      message =
        `Could not connect to POST ${this.ctx.url} within ${seconds(connectMs)}. Check that the server is running and reachable; ` +
        'raise “cometComplete.connectTimeoutSeconds” if the network is just slow.';
    } else if (this.stopped === 'total') {
      message =
        `The response from POST ${this.ctx.url} took longer than ${seconds(totalMs)} in all, so it was cut off` +
        `${this.status === undefined ? '' : ' (the server kept it open without finishing)'}. ` +
        'Raise “cometComplete.totalTimeoutSeconds” for very long completions.';
    } else if (this.status === undefined) {
      message =
        `No response from POST ${this.ctx.url} within ${seconds(firstByteMs)}. The server may be busy or still loading the model; ` +
        'raise “cometComplete.requestTimeoutSeconds” if it is just slow.';
    } else {
      message =
        `The server stopped sending for more than ${seconds(idleMs)} in the middle of the response (POST ${this.ctx.url}). ` +
        'Raise “cometComplete.idleTimeoutSeconds” if the model pauses that long.';
    }
    return this.error({ kind: 'timeout', message, status: this.status });
  }

  private cleanUp(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    if (this.totalTimer !== undefined) clearTimeout(this.totalTimer);
    this.hooks.signal?.removeEventListener('abort', this.onExternalAbort);
    if (this.reader && !this.readerDone) {
      this.readerDone = true;
      // Stop reading: releases the connection instead of leaving the rest of the body unread.
      this.reader.cancel().catch(() => undefined);
    }
  }

  private error(init: ApiErrorInit): ApiError {
    return new ApiError(redactErrorInit(init, this.secret));
  }

  private meta(): RequestMeta {
    const meta: RequestMeta = { totalMs: performance.now() - this.startedAt, url: this.ctx.url };
    if (this.status !== undefined) meta.status = this.status;
    if (this.firstByteMs !== undefined) meta.firstByteMs = this.firstByteMs;
    return meta;
  }

  private succeed(accumulator: CompletionAccumulator): CompletionOutcome {
    return { ok: true, result: accumulator.result(), meta: this.meta() };
  }

  private fail(error: ApiError): CompletionOutcome {
    return { ok: false, error, meta: this.meta() };
  }
}
