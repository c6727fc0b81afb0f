/**
 * One `POST {baseUrl}/completions` request/response: its timers, abort wiring and body reader.
 * Never throws from {@link CompletionExchange.run}; see `completionClient.ts` for the contract.
 */
import { ApiError, ApiErrorInit } from './apiError';
import { apiKeyProblem, describeApiKeyProblem } from './apiKeyText';
import type { CompletionAccumulator } from './completionAccumulator';
import { CompletionStreamDecoder } from './completionStreamDecoder';
import type { CompletionDelta, CompletionRequestBody } from './completionTypes';
import { ClientConfig, CompletionOutcome, ExchangeLimits, exchangeLimits, RequestHooks, RequestMeta } from './clientConfig';
import { chatReplyError, displayUrl, Stop, timeoutMessage, tooLargeMessage } from './exchangeMessages';
import { ErrorContext, mapHttpError, mapNetworkError } from './httpErrorMapper';
import { redactErrorInit } from './secretRedactor';
import { applyDegrades, degradeName, WireDegrade } from './refusedParameters';
import { readWholeResponse } from './wholeResponse';
import { buildWireBody } from './wireBody';
import { BaseUrlCheck, completionsUrl } from '../endpoint/baseUrl';
import { baseUrlProblemMessage } from '../endpoint/endpoint';
import { SESSION_SERVER_KINDS, ServerKind, serverKindFromCompletion, serverKindFromHeaders } from '../connection/serverKind';
import { BodyRead, BodyReader, HttpResponse } from '../transport/httpTransport';
import { sharedConnections } from '../transport/sharedConnections';

/** How much of an error body we read to find the server's message. */
const MAX_ERROR_BODY_BYTES = 64 * 1024;

/**
 * The reason given to the transport when an exchange is stopped. The transport only asks
 * whether its signal aborted (the outcome says why, see `stoppedError`), so one shared object
 * does: a DOMException per abort would cost a stack trace on every keystroke that ends a stream.
 */
const STOPPED = Object.freeze(new Error('The exchange was stopped.'));

/** One request/response, with its timer, abort wiring and body reader. */
export class CompletionExchange {
  private readonly startedAt = performance.now();
  private readonly secret: string | undefined;
  private readonly controller = new AbortController();
  private readonly ctx: ErrorContext;
  private readonly target: BaseUrlCheck;
  private status: number | undefined;
  private firstByteMs: number | undefined;
  private stopped: Stop | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private totalTimer: ReturnType<typeof setTimeout> | undefined;
  private reader: BodyReader | undefined;
  private readerDone = false;
  private readonly limits: ExchangeLimits;

  constructor(
    private readonly config: ClientConfig,
    private readonly body: CompletionRequestBody,
    private readonly hooks: RequestHooks,
    /** Parameters this server refused before: left out or capped (see refusedParameters.ts). */
    private readonly degrades: readonly WireDegrade[] = [],
  ) {
    this.secret = typeof config.apiKey === 'string' && config.apiKey.trim() ? config.apiKey.trim() : undefined;
    this.target = completionsUrl(String(config.baseUrl ?? ''));
    const shown = 'url' in this.target ? this.target.url.href : String(config.baseUrl ?? '');
    this.ctx = { url: displayUrl(shown, this.secret), model: body?.model, secret: this.secret };
    this.limits = exchangeLimits(config);
  }

  async run(): Promise<CompletionOutcome> {
    try {
      const outcome = await this.exchange();
      // Text held back for a line that never completed reaches onDelta before the outcome.
      this.hooks.lines?.flush();
      return outcome;
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
    const target = this.target;
    if ('problem' in target) {
      return this.fail(this.error({ kind: 'config', message: baseUrlProblemMessage(displayUrl(String(this.config.baseUrl ?? '').trim(), this.secret), target.problem) }));
    }
    if (!(typeof this.config.timeoutMs === 'number' && this.config.timeoutMs > 0)) {
      return this.fail(this.error({ kind: 'config', message: `The request timeout must be a positive number of milliseconds (got ${this.config.timeoutMs}).` }));
    }
    const keyProblem = this.secret === undefined ? undefined : apiKeyProblem(this.secret);
    if (keyProblem) {
      // Node would refuse the header and it would look like a network failure.
      const why = describeApiKeyProblem(keyProblem).replace(/ Paste the key again without it\.$/, '');
      return this.fail(this.error({ kind: 'auth', message: `The stored API key cannot be sent: ${why} Set it again with “Comet Complete: Set API Key”.` }));
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
        body: JSON.stringify(applyDegrades(buildWireBody(this.body), this.degrades)),
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
    this.learnServer(serverKindFromHeaders(response.headers));
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
    const read = readWholeResponse(text, contentType, {
      url: this.ctx.url,
      secret: this.secret,
      newStreamDecoder: () => this.newStreamDecoder(),
      deliver: (delta) => this.deliver(delta),
      error: (init) => this.error(init),
    });
    return 'error' in read ? this.fail(read.error) : this.succeed(read.accumulator);
  }

  private newStreamDecoder(): CompletionStreamDecoder {
    return new CompletionStreamDecoder({
      url: this.ctx.url,
      secret: this.secret,
      onDelta: (d) => this.deliver(d),
      maxEventChars: this.limits.responseBytes,
      expectedChoices: this.body?.n,
    });
  }

  private tooLarge(what: string, limit: number): ApiError {
    return this.error({ kind: 'protocol', message: tooLargeMessage(what, limit, this.ctx.url) });
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
    if (this.hooks.lines) this.hooks.lines.take(delta, this.emit);
    else this.emit(delta);
  }

  private readonly emit = (delta: CompletionDelta): void => {
    try {
      this.hooks.onDelta?.(delta);
    } catch {
      // A failing listener must not break the request.
    }
  };

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
    if (this.stopped === 'aborted' || this.stopped === undefined) return this.error({ kind: 'aborted', message: 'The request was cancelled.' });
    return this.error({ kind: 'timeout', message: timeoutMessage(this.stopped, this.limits, this.ctx.url, this.status), status: this.status });
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
    if (this.degrades.length > 0) meta.degraded = this.degrades.map(degradeName);
    return meta;
  }

  private learnServer(kind: ServerKind | undefined): void {
    const memory = this.config.serverKinds === undefined ? SESSION_SERVER_KINDS : this.config.serverKinds;
    if (kind && memory && 'url' in this.target) memory.learn(this.target.url.origin, kind);
  }

  private succeed(accumulator: CompletionAccumulator): CompletionOutcome {
    this.learnServer(
      serverKindFromCompletion({ system_fingerprint: accumulator.signature.systemFingerprint, timings: accumulator.signature.timings ? {} : undefined }),
    );
    if (accumulator.chatShapedChoices > 0 && !accumulator.hasText) return this.fail(this.error(chatReplyError(this.ctx)));
    return { ok: true, result: accumulator.result(), meta: this.meta() };
  }

  private fail(error: ApiError): CompletionOutcome {
    return { ok: false, error, meta: this.meta() };
  }
}
