/**
 * The client for `POST {baseUrl}/completions` (the legacy OpenAI text completions API and the
 * servers that imitate it: CometAPI, llama.cpp `llama-server`, vLLM, Ollama, gateways).
 *
 * {@link requestCompletion} never throws: every failure comes back as an {@link ApiError} in the
 * outcome, its texts redacted of the API key. It logs nothing; callers log from {@link RequestMeta}.
 */
import { ApiError, ApiErrorInit } from './apiError';
import { CompletionAccumulator, isCompletionObject } from './completionAccumulator';
import { CompletionStreamDecoder } from './completionStreamDecoder';
import type { CompletionDelta, CompletionRequestBody, CompletionResult } from './completionTypes';
import { ErrorContext, looksLikeHtml, mapHttpError, mapNetworkError, parseServerErrorBody } from './httpErrorMapper';
import { redactErrorInit, redactSecret } from './secretRedactor';

export interface ClientConfig {
  /** e.g. `https://api.cometapi.com/v1`; requests go to `{baseUrl without trailing slash}/completions`. */
  baseUrl: string;
  /** Sent as `Authorization: Bearer <key>` when given (and non-blank); never anywhere else. */
  apiKey?: string;
  /** Longest wait for the first response byte, and for each gap between chunks after it. */
  timeoutMs: number;
  userAgent?: string;
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

/** Largest successful non-streamed body we accept. */
const MAX_BODY_CHARS = 32 * 1024 * 1024;
/** How much of an error body we read to find the server's message. */
const MAX_ERROR_BODY_CHARS = 64 * 1024;

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

type Stop = 'timeout' | 'aborted';

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
  private reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
  private readerDone = false;

  constructor(
    private readonly config: ClientConfig,
    private readonly body: CompletionRequestBody,
    private readonly hooks: RequestHooks,
  ) {
    this.secret = typeof config.apiKey === 'string' && config.apiKey.trim() ? config.apiKey.trim() : undefined;
    const target = completionsUrl(String(config.baseUrl ?? ''));
    const shown = 'url' in target ? target.url.href : String(config.baseUrl ?? '');
    this.ctx = { url: displayUrl(shown, this.secret), model: body?.model, secret: this.secret };
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

    this.armTimer();
    let response: Response;
    try {
      response = await fetch(target.url, {
        method: 'POST',
        headers,
        body: JSON.stringify(buildWireBody(this.body)),
        signal: this.controller.signal,
        redirect: 'manual',
      });
    } catch (error) {
      return this.fail(this.stopped ? this.stoppedError() : mapNetworkError(error, this.ctx));
    }
    this.firstByteMs = performance.now() - this.startedAt;
    this.status = response.status;
    this.reader = response.body?.getReader();
    if (!this.reader) this.readerDone = true;
    if (this.stopped) return this.fail(this.stoppedError());
    this.armTimer();

    const contentType = response.headers.get('content-type') ?? '';
    if (!response.ok) {
      const text = await this.readText(MAX_ERROR_BODY_CHARS, 'while reading the error');
      if (this.stopped === 'aborted') return this.fail(this.stoppedError());
      return this.fail(mapHttpError({ status: response.status, body: text.text, headers: response.headers }, this.ctx));
    }
    if (/text\/event-stream/i.test(contentType)) return this.readStream();
    return this.readWhole(contentType);
  }

  /** A `text/event-stream` response, decoded as it arrives. */
  private async readStream(): Promise<CompletionOutcome> {
    const decoder = this.newStreamDecoder();
    for (;;) {
      const chunk = await this.nextChunk('while streaming');
      if (chunk instanceof ApiError) return this.fail(chunk);
      const end = chunk === null ? decoder.finish() : decoder.pushBytes(chunk);
      if (end?.kind === 'done') return this.succeed(decoder.accumulator);
      if (end?.kind === 'error') return this.fail(end.error);
    }
  }

  /** Any other response: one JSON completion (or, from sloppy servers, SSE without its content type). */
  private async readWhole(contentType: string): Promise<CompletionOutcome> {
    const { text, error, truncated } = await this.readText(MAX_BODY_CHARS, 'while reading the response');
    if (error) return this.fail(error);
    if (truncated) {
      return this.fail(this.error({ kind: 'protocol', message: `The response from POST ${this.ctx.url} is too large (over ${MAX_BODY_CHARS} characters).` }));
    }
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
    return new CompletionStreamDecoder({ url: this.ctx.url, secret: this.secret, onDelta: (d) => this.deliver(d) });
  }

  /**
   * Reads the rest of the body as text, at most `maxChars` (then stops reading).
   * A timeout or abort ends the read with what arrived so far, plus the error.
   */
  private async readText(maxChars: number, during: string): Promise<{ text: string; error?: ApiError; truncated: boolean }> {
    const decoder = new TextDecoder('utf-8');
    let text = '';
    for (;;) {
      const chunk = await this.nextChunk(during);
      if (chunk instanceof ApiError) return { text, error: chunk, truncated: false };
      if (chunk === null) return { text: text + decoder.decode(), truncated: false };
      text += decoder.decode(chunk, { stream: true });
      if (text.length > maxChars) return { text: text.slice(0, maxChars), truncated: true };
    }
  }

  /** The next body chunk; null at the end; an ApiError when stopped or the connection broke. */
  private async nextChunk(during: string): Promise<Uint8Array | null | ApiError> {
    if (!this.reader || this.readerDone) return null;
    let read: ReadableStreamReadResult<Uint8Array>;
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
    this.armTimer();
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

  /** (Re)starts the idle timer: no byte for `timeoutMs` stops the exchange. */
  private armTimer(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.stop('timeout'), this.config.timeoutMs);
  }

  private stop(reason: Stop): void {
    if (this.stopped) return;
    this.stopped = reason;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.controller.abort();
    this.reader?.cancel().catch(() => undefined);
  }

  private stoppedError(): ApiError {
    if (this.stopped === 'aborted') return this.error({ kind: 'aborted', message: 'The request was cancelled.' });
    const limit = seconds(this.config.timeoutMs);
    const message =
      this.status === undefined
        ? `No response from POST ${this.ctx.url} within ${limit}. The server may be busy or still loading the model; ` +
          'raise “cometComplete.requestTimeoutSeconds” if it is just slow.'
        : `The server stopped sending for more than ${limit} in the middle of the response (POST ${this.ctx.url}).`;
    return this.error({ kind: 'timeout', message, status: this.status });
  }

  private cleanUp(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
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
