/**
 * A loopback OpenAI-compatible `/v1/completions` server for tests, speaking the real wire format
 * (JSON completions, `text/event-stream` chunks ending in `data: [DONE]`, OpenAI error bodies).
 * Used by the unit tests (plain Node) and by the end-to-end tests (inside the VS Code extension host).
 *
 * ```ts
 * const server = await OpenAiTestServer.start();
 * // settings: cometComplete.baseUrl = server.baseUrl   (http://127.0.0.1:PORT/v1)
 * server.handle((req, res) => streamCompletion(res, { pieces: ['Hel', 'lo'], delayMs: 10 }));
 * server.handle((req, res) => sendOpenAiError(res, 429, 'Slow down', { 'Retry-After': '2' }));
 * // ... exercise the client or the extension ...
 * const first = await server.waitForRequest(1);
 * first.body.model; first.headers.authorization; await first.waitForClientClose(2000);
 * await server.close();
 * ```
 *
 * Scripted handlers ({@link OpenAiTestServer.handle}) answer the next requests, one each, in order;
 * after they are used up the default handler answers: it streams (or, for `"stream": false`, sends)
 * a completion of `defaultText` for every POST to `/v1/completions`, and a 404 OpenAI error for
 * anything else.
 *
 * The response helpers (`streamCompletion`, `sendCompletion`, `writeSseData`, …) are plain functions
 * of the Node `ServerResponse`, so a handler can mix them with raw `res.write` calls. Every
 * completion object they send is recorded on the request ({@link RecordedRequest.sentCompletions}),
 * so a test can validate it against the OpenAI schema.
 */
import * as http from 'node:http';
import * as net from 'node:net';
import type { AddressInfo, Socket } from 'node:net';

/* ------------------------------------------------------------------------------------------------
 * Wire types (snake_case, as on the wire)
 * ---------------------------------------------------------------------------------------------- */

export type WireFinishReason = 'stop' | 'length' | 'content_filter';

export interface WireUsage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
}

export interface WireChoice {
  text: string;
  index: number;
  logprobs: unknown;
  finish_reason: WireFinishReason | null;
}

export interface WireCompletion {
  id: string;
  object: 'text_completion';
  created: number;
  model: string;
  choices: WireChoice[];
  usage?: WireUsage;
  [extra: string]: unknown;
}

export type LogprobsShape = 'legacy' | 'chat';

/* ------------------------------------------------------------------------------------------------
 * Recorded requests
 * ---------------------------------------------------------------------------------------------- */

export interface RecordedRequest {
  /** 0-based position among all requests this server received. */
  readonly index: number;
  readonly method: string;
  /** Path and query as received, e.g. `/v1/completions`. */
  readonly url: string;
  /** Node's lower-cased header map, e.g. `headers.authorization`. */
  readonly headers: http.IncomingHttpHeaders;
  readonly rawBody: string;
  /** The body parsed as JSON, or undefined when it is not JSON. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly body: any;
  /** Completion objects (whole responses and stream chunks) sent in reply through the helpers, in order. */
  readonly sentCompletions: WireCompletion[];
  /** True once the client closed the connection before the response was finished. */
  readonly closedByClient: boolean;
  /** True once the response is closed for any reason (finished, closed by the client, or server closing). */
  readonly responseClosed: boolean;
  /** Resolves when the client closes the connection before the response finished (never otherwise). */
  readonly whenClosedByClient: Promise<void>;
  /** Resolves when the response is closed for any reason. A stalling handler can `await` it. */
  readonly whenResponseClosed: Promise<void>;
  /** Waits (bounded) for the client to close the connection early; rejects with a clear message otherwise. */
  waitForClientClose(timeoutMs?: number): Promise<void>;
}

export type Handler = (req: RecordedRequest, res: http.ServerResponse) => void | Promise<void>;

export interface StartOptions {
  /** Text of the default completion; a function gets the request (e.g. to echo the prompt). */
  defaultText?: string | ((req: RecordedRequest) => string);
  /** Milliseconds between the default handler's stream chunks (default 0). */
  defaultDelayMs?: number;
}

class Recorded implements RecordedRequest {
  readonly sentCompletions: WireCompletion[] = [];
  closedByClient = false;
  responseClosed = false;
  readonly whenClosedByClient: Promise<void>;
  readonly whenResponseClosed: Promise<void>;
  private resolveClientClose!: () => void;
  private resolveResponseClose!: () => void;

  constructor(
    readonly index: number,
    readonly method: string,
    readonly url: string,
    readonly headers: http.IncomingHttpHeaders,
    readonly rawBody: string,
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    readonly body: any,
  ) {
    this.whenClosedByClient = new Promise((resolve) => (this.resolveClientClose = resolve));
    this.whenResponseClosed = new Promise((resolve) => (this.resolveResponseClose = resolve));
  }

  markClosed(byClient: boolean): void {
    if (this.responseClosed) return;
    this.responseClosed = true;
    if (byClient) {
      this.closedByClient = true;
      this.resolveClientClose();
    }
    this.resolveResponseClose();
  }

  async waitForClientClose(timeoutMs = 5000): Promise<void> {
    await waitUntil(() => this.closedByClient, {
      timeoutMs,
      message: () =>
        `the client did not close the connection of request #${this.index} (${this.method} ${this.url}) ` +
        `within ${timeoutMs} ms (response closed: ${this.responseClosed})`,
    });
  }
}

/** Which request a response belongs to, so the helpers can record what they send. */
const requestOfResponse = new WeakMap<http.ServerResponse, Recorded>();

/* ------------------------------------------------------------------------------------------------
 * Small utilities
 * ---------------------------------------------------------------------------------------------- */

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Polls `condition` every `intervalMs` (default 5) until it is true; rejects after `timeoutMs`
 * (default 5000) with `message`.
 */
export async function waitUntil(
  condition: () => boolean,
  options: { timeoutMs?: number; intervalMs?: number; message?: string | (() => string) } = {},
): Promise<void> {
  const timeoutMs = options.timeoutMs ?? 5000;
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) {
      const message = typeof options.message === 'function' ? options.message() : options.message;
      throw new Error(`waitUntil timed out after ${timeoutMs} ms: ${message ?? 'condition never became true'}`);
    }
    await sleep(options.intervalMs ?? 5);
  }
}

/** Whether the response can still be written to. */
export function isOpen(res: http.ServerResponse): boolean {
  return !res.destroyed && !res.writableEnded && !res.socket?.destroyed;
}

/** Writes raw bytes/text and resolves once flushed to the socket (or the response is gone). */
export function writeRaw(res: http.ServerResponse, chunk: string | Uint8Array): Promise<void> {
  return new Promise((resolve) => {
    if (!isOpen(res)) return resolve();
    res.write(chunk, () => resolve());
  });
}

/** Ends the response and resolves when done. */
export function endResponse(res: http.ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    if (!isOpen(res)) return resolve();
    res.end(() => resolve());
  });
}

function record(res: http.ServerResponse, completion: WireCompletion): void {
  requestOfResponse.get(res)?.sentCompletions.push(completion);
}

function requestModel(res: http.ServerResponse): string | undefined {
  const body = requestOfResponse.get(res)?.body;
  return body && typeof body.model === 'string' ? body.model : undefined;
}

function requestPrompt(res: http.ServerResponse): string {
  const body = requestOfResponse.get(res)?.body;
  return body && typeof body.prompt === 'string' ? body.prompt : '';
}

let idCounter = 0;
function nextId(): string {
  idCounter += 1;
  return `cmpl-test${String(idCounter).padStart(6, '0')}`;
}

const CREATED = 1_700_000_000;

/* ------------------------------------------------------------------------------------------------
 * Logprobs and completion objects
 * ---------------------------------------------------------------------------------------------- */

/** The log probability the helpers give the token at `position` (0-based over a choice): -(position+1)/8. */
export function syntheticLogprob(position: number): number {
  return -(position + 1) / 8;
}

/** The alternative token the helpers list second in every `top_logprobs`, one nat less likely. */
export const ALTERNATIVE_TOKEN = '<alt>';

/** Logprobs of `tokens` in the given shape, positions counted from `firstPosition`, offsets from `firstOffset`. */
export function logprobsFor(tokens: string[], shape: LogprobsShape, firstPosition = 0, firstOffset = 0): unknown {
  const lps = tokens.map((_, i) => syntheticLogprob(firstPosition + i));
  if (shape === 'chat') {
    return {
      content: tokens.map((token, i) => ({
        token,
        logprob: lps[i],
        bytes: [...Buffer.from(token, 'utf8')],
        top_logprobs: [
          { token, logprob: lps[i] },
          { token: ALTERNATIVE_TOKEN, logprob: lps[i] - 1 },
        ],
      })),
    };
  }
  const offsets: number[] = [];
  let offset = firstOffset;
  for (const token of tokens) {
    offsets.push(offset);
    offset += token.length;
  }
  return {
    tokens,
    token_logprobs: lps,
    top_logprobs: tokens.map((token, i) => ({ [token]: lps[i], [ALTERNATIVE_TOKEN]: lps[i] - 1 })),
    text_offset: offsets,
  };
}

export interface CompletionOptions {
  /** One entry per choice (choice i gets index i): its text, or its tokens (joined to make the text). Default `['Hello']`. */
  choices?: Array<string | string[]>;
  finishReason?: WireFinishReason | WireFinishReason[];
  logprobs?: LogprobsShape;
  /** true (default) → counted; false → no `usage`; or the exact object. */
  usage?: boolean | WireUsage;
  id?: string;
  model?: string;
  created?: number;
  /** Merged into the object, e.g. `{ system_fingerprint: 'fp_1' }`. */
  extra?: Record<string, unknown>;
}

function finishReasonOf(option: CompletionOptions['finishReason'], index: number): WireFinishReason {
  if (Array.isArray(option)) return option[index] ?? 'stop';
  return option ?? 'stop';
}

function countedUsage(prompt: string, completionTokens: number): WireUsage {
  const promptTokens = Math.max(1, Math.ceil(prompt.length / 4));
  return { prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens };
}

/** A whole (non-streamed) completion object. */
export function completionObject(options: CompletionOptions = {}, prompt = ''): WireCompletion {
  const choices = options.choices ?? ['Hello'];
  let tokenCount = 0;
  const wireChoices: WireChoice[] = choices.map((choice, index) => {
    const tokens = Array.isArray(choice) ? choice : [choice];
    tokenCount += tokens.length;
    return {
      text: tokens.join(''),
      index,
      logprobs: options.logprobs ? logprobsFor(tokens, options.logprobs) : null,
      finish_reason: finishReasonOf(options.finishReason, index),
    };
  });
  const completion: WireCompletion = {
    id: options.id ?? nextId(),
    object: 'text_completion',
    created: options.created ?? CREATED,
    model: options.model ?? 'test-model',
    choices: wireChoices,
    ...options.extra,
  };
  if (options.usage !== false) completion.usage = typeof options.usage === 'object' ? options.usage : countedUsage(prompt, tokenCount);
  return completion;
}

/* ------------------------------------------------------------------------------------------------
 * JSON responses
 * ---------------------------------------------------------------------------------------------- */

/** Sends `value` as JSON with `status`. */
export function sendJson(res: http.ServerResponse, status: number, value: unknown, headers: http.OutgoingHttpHeaders = {}): Promise<void> {
  const text = JSON.stringify(value);
  if (!isOpen(res)) return Promise.resolve();
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text), ...headers });
  return new Promise((resolve) => res.end(text, () => resolve()));
}

/** Sends a whole completion (200, JSON): built from options, or exactly the given object. */
export function sendCompletion(res: http.ServerResponse, completion: CompletionOptions | WireCompletion = {}): Promise<void> {
  const object =
    'object' in completion && Array.isArray((completion as WireCompletion).choices) && typeof (completion as WireCompletion).id === 'string'
      ? (completion as WireCompletion)
      : completionObject({ model: requestModel(res), ...(completion as CompletionOptions) }, requestPrompt(res));
  record(res, object);
  return sendJson(res, 200, object);
}

export interface OpenAiErrorBody {
  message: string;
  type?: string;
  code?: string | number | null;
  param?: string | null;
}

const ERROR_TYPES: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'invalid_request_error',
  403: 'permission_error',
  404: 'invalid_request_error',
  429: 'rate_limit_error',
};

/** Sends `{"error": {"message", "type", "param", "code"}}` with `status` and extra headers (e.g. `Retry-After`). */
export function sendOpenAiError(
  res: http.ServerResponse,
  status: number,
  error: string | OpenAiErrorBody,
  headers: http.OutgoingHttpHeaders = {},
): Promise<void> {
  const body = typeof error === 'string' ? { message: error } : error;
  return sendJson(
    res,
    status,
    {
      error: {
        message: body.message,
        type: body.type ?? ERROR_TYPES[status] ?? (status >= 500 ? 'server_error' : 'invalid_request_error'),
        param: body.param ?? null,
        code: body.code ?? null,
      },
    },
    headers,
  );
}

/* ------------------------------------------------------------------------------------------------
 * Server-sent events
 * ---------------------------------------------------------------------------------------------- */

/** Sends 200 with the `text/event-stream` headers (idempotent). */
export function startSse(res: http.ServerResponse, headers: http.OutgoingHttpHeaders = {}): void {
  if (res.headersSent || !isOpen(res)) return;
  res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-cache', Connection: 'keep-alive', ...headers });
  res.flushHeaders();
}

/** Writes `data: <json or text>\n\n`. Objects with a `choices` array are recorded as completion chunks. */
export function writeSseData(res: http.ServerResponse, data: unknown): Promise<void> {
  startSse(res);
  if (typeof data === 'object' && data !== null && Array.isArray((data as WireCompletion).choices)) record(res, data as WireCompletion);
  const text = typeof data === 'string' ? data : JSON.stringify(data);
  return writeRaw(res, `data: ${text}\n\n`);
}

/** Writes `data: [DONE]\n\n`. */
export function writeSseDone(res: http.ServerResponse): Promise<void> {
  return writeSseData(res, '[DONE]');
}

/** Writes an SSE comment line (`: text`), as keep-alive pings do. */
export function writeSseComment(res: http.ServerResponse, text = 'ping'): Promise<void> {
  startSse(res);
  return writeRaw(res, `: ${text}\n\n`);
}

/** Writes a named event (`event: name\ndata: ...\n\n`). */
export function writeSseEvent(res: http.ServerResponse, event: string, data: unknown): Promise<void> {
  startSse(res);
  return writeRaw(res, `event: ${event}\ndata: ${typeof data === 'string' ? data : JSON.stringify(data)}\n\n`);
}

/** Writes an OpenAI error object inside the stream: `data: {"error": {...}}`. */
export function writeSseError(res: http.ServerResponse, error: string | OpenAiErrorBody): Promise<void> {
  const body = typeof error === 'string' ? { message: error } : error;
  return writeSseData(res, { error: { message: body.message, type: body.type ?? 'server_error', param: body.param ?? null, code: body.code ?? null } });
}

/** One stream chunk: `{id, object, created, model, choices: [...]}` (+ usage, extras). */
export function completionChunk(
  choices: WireChoice[],
  options: { id?: string; model?: string; created?: number; usage?: WireUsage; extra?: Record<string, unknown> } = {},
): WireCompletion {
  const chunk: WireCompletion = {
    id: options.id ?? 'cmpl-test',
    object: 'text_completion',
    created: options.created ?? CREATED,
    model: options.model ?? 'test-model',
    choices,
    ...options.extra,
  };
  if (options.usage) chunk.usage = options.usage;
  return chunk;
}

export interface StreamCompletionOptions {
  /** Text pieces of choice 0 (shorthand for `choices: [pieces]`). Default `['Hello', ' world']`. */
  pieces?: string[];
  /** Pieces per choice (choice i gets index i), sent interleaved round-robin: c0p0, c1p0, c0p1, c1p1, … */
  choices?: string[][];
  /** finish_reason of every choice (default 'stop'), or one per choice. */
  finishReason?: WireFinishReason | WireFinishReason[];
  /** Attach logprobs to every text chunk, one token per piece, in this shape. */
  logprobs?: LogprobsShape;
  /** `usage` in the final chunk: true → counted, or the exact object. Default: none (as OpenAI without stream_options). */
  usage?: boolean | WireUsage;
  /** Wait this many milliseconds before each chunk after the first (default 0). */
  delayMs?: number;
  /** Send `data: [DONE]` and end (default true). false: end the response without `[DONE]`. 'hang': neither; keep it open. */
  done?: boolean | 'hang';
  /**
   * How finish_reason is sent: 'separate' (default) adds a final chunk per choice with empty text,
   * as OpenAI does; 'inline' puts it on the last text chunk of each choice; 'none' never sends one
   * (a stream cut off mid-answer).
   */
  finish?: 'separate' | 'inline' | 'none';
  id?: string;
  model?: string;
  created?: number;
  /** Merged into every chunk, e.g. `{ system_fingerprint: 'fp_1' }`. */
  extra?: Record<string, unknown>;
  headers?: http.OutgoingHttpHeaders;
}

/**
 * Streams a completion as OpenAI does: `data: {chunk}\n\n` per piece (finish_reason null until the
 * end), then `data: [DONE]`. Stops early, without error, if the client goes away.
 */
export async function streamCompletion(res: http.ServerResponse, options: StreamCompletionOptions = {}): Promise<void> {
  const choices = options.choices ?? [options.pieces ?? ['Hello', ' world']];
  const base = {
    id: options.id ?? nextId(),
    model: options.model ?? requestModel(res) ?? 'test-model',
    created: options.created,
    extra: options.extra,
  };
  const inline = options.finish === 'inline';
  const chunks: WireCompletion[] = [];
  const offsets = choices.map(() => 0);
  const longest = Math.max(0, ...choices.map((c) => c.length));
  for (let position = 0; position < longest; position++) {
    choices.forEach((pieces, index) => {
      if (position >= pieces.length) return;
      const text = pieces[position];
      const last = position === pieces.length - 1;
      chunks.push(
        completionChunk(
          [
            {
              text,
              index,
              logprobs: options.logprobs ? logprobsFor([text], options.logprobs, position, offsets[index]) : null,
              finish_reason: inline && last ? finishReasonOf(options.finishReason, index) : null,
            },
          ],
          base,
        ),
      );
      offsets[index] += text.length;
    });
  }
  if (!inline && options.finish !== 'none') {
    choices.forEach((_, index) => {
      chunks.push(completionChunk([{ text: '', index, logprobs: null, finish_reason: finishReasonOf(options.finishReason, index) }], base));
    });
  }
  if (options.usage) {
    const total = choices.reduce((sum, c) => sum + c.length, 0);
    const usage = typeof options.usage === 'object' ? options.usage : countedUsage(requestPrompt(res), total);
    const last = chunks[chunks.length - 1];
    if (last) last.usage = usage;
    else chunks.push(completionChunk([], { ...base, usage }));
  }

  startSse(res, options.headers);
  for (let i = 0; i < chunks.length; i++) {
    if (i > 0 && options.delayMs) await sleep(options.delayMs);
    if (!isOpen(res)) return;
    await writeSseData(res, chunks[i]);
  }
  if (options.done === 'hang') return;
  if (options.delayMs) await sleep(options.delayMs);
  if (options.done !== false) await writeSseDone(res);
  await endResponse(res);
}

/* ------------------------------------------------------------------------------------------------
 * The server
 * ---------------------------------------------------------------------------------------------- */

export class OpenAiTestServer {
  /** Every request received, in order. */
  readonly requests: RecordedRequest[] = [];
  /** Errors thrown by handlers (the client then got a 500 or a closed connection). */
  readonly handlerErrors: unknown[] = [];
  private readonly scripted: Handler[] = [];
  private defaultHandler: Handler;
  private readonly sockets = new Set<Socket>();
  private closing = false;

  private constructor(
    private readonly server: http.Server,
    private readonly options: StartOptions,
  ) {
    this.defaultHandler = (req, res) => this.defaultCompletion(req, res);
  }

  /** Starts a server on 127.0.0.1 with a free port. */
  static async start(options: StartOptions = {}): Promise<OpenAiTestServer> {
    const server = http.createServer();
    const instance = new OpenAiTestServer(server, options);
    server.on('request', (req, res) => void instance.onRequest(req, res));
    server.on('connection', (socket) => {
      socket.setNoDelay(true);
      instance.sockets.add(socket);
      socket.on('close', () => instance.sockets.delete(socket));
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    return instance;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  /** `http://127.0.0.1:PORT` */
  get origin(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** `http://127.0.0.1:PORT/v1`, the value for `cometComplete.baseUrl`. */
  get baseUrl(): string {
    return `${this.origin}/v1`;
  }

  /** Scripts the next unscripted request: each handler answers exactly one request, in order. */
  handle(...handlers: Handler[]): this {
    this.scripted.push(...handlers);
    return this;
  }

  /** Replaces the handler used once the scripted ones are used up. */
  setDefaultHandler(handler: Handler): this {
    this.defaultHandler = handler;
    return this;
  }

  /** How many scripted handlers are still waiting for a request. */
  get pendingHandlers(): number {
    return this.scripted.length;
  }

  /** Forgets recorded requests and scripted handlers, and restores the default handler. */
  reset(): void {
    this.requests.length = 0;
    this.scripted.length = 0;
    this.handlerErrors.length = 0;
    this.defaultHandler = (req, res) => this.defaultCompletion(req, res);
  }

  /**
   * Waits (bounded) for the `count`-th request (1-based) or the first one matching `predicate`,
   * and returns it. Rejects after `timeoutMs` (default 5000) naming what did arrive.
   */
  async waitForRequest(countOrPredicate: number | ((req: RecordedRequest) => boolean), timeoutMs = 5000): Promise<RecordedRequest> {
    const find = (): RecordedRequest | undefined =>
      typeof countOrPredicate === 'number' ? this.requests[countOrPredicate - 1] : this.requests.find(countOrPredicate);
    await waitUntil(() => find() !== undefined, {
      timeoutMs,
      message: () =>
        `${typeof countOrPredicate === 'number' ? `request #${countOrPredicate}` : 'a matching request'} never arrived; ` +
        `got ${this.requests.length}: [${this.requests.map((r) => `${r.method} ${r.url}`).join(', ')}]`,
    });
    return find()!;
  }

  /** Connections (sockets) open right now, idle keep-alive ones included. */
  get openConnections(): number {
    return this.sockets.size;
  }

  /** Requests whose response is not closed yet (still being answered or left hanging). */
  get openResponses(): RecordedRequest[] {
    return this.requests.filter((r) => !r.responseClosed);
  }

  /** Waits (bounded) until no response is open: every request was answered or closed by the client. */
  async waitForNoOpenResponses(timeoutMs = 5000): Promise<void> {
    await waitUntil(() => this.openResponses.length === 0, {
      timeoutMs,
      message: () => `responses still open: [${this.openResponses.map((r) => `#${r.index} ${r.method} ${r.url}`).join(', ')}]`,
    });
  }

  /** Waits (bounded) until the client closed every connection (none left, not even idle keep-alive ones). */
  async waitForNoOpenConnections(timeoutMs = 5000): Promise<void> {
    await waitUntil(() => this.sockets.size === 0, {
      timeoutMs,
      message: () => `${this.sockets.size} connection(s) still open`,
    });
  }

  /** Stops listening and destroys every open connection. */
  async close(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    for (const socket of this.sockets) socket.destroy();
    await closed;
  }

  private async onRequest(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    try {
      for await (const chunk of req) chunks.push(chunk as Buffer);
    } catch {
      return; // the client went away while sending the body
    }
    const rawBody = Buffer.concat(chunks).toString('utf8');
    let body: unknown;
    try {
      body = rawBody ? JSON.parse(rawBody) : undefined;
    } catch {
      body = undefined;
    }
    const recorded = new Recorded(this.requests.length, req.method ?? '', req.url ?? '', req.headers, rawBody, body);
    requestOfResponse.set(res, recorded);
    res.on('close', () => recorded.markClosed(!res.writableFinished && !this.closing));
    this.requests.push(recorded);

    const handler = this.scripted.shift() ?? this.defaultHandler;
    try {
      await handler(recorded, res);
    } catch (error) {
      this.handlerErrors.push(error);
      if (!res.headersSent && isOpen(res)) await sendOpenAiError(res, 500, `test handler failed: ${String(error)}`);
      else res.destroy();
    }
  }

  /** The default answer: a completion of `defaultText` (streamed unless `"stream": false`) on POST /v1/completions, else 404. */
  private async defaultCompletion(req: RecordedRequest, res: http.ServerResponse): Promise<void> {
    if (req.method !== 'POST' || req.url.split('?')[0] !== '/v1/completions') {
      await sendOpenAiError(res, 404, `Unknown route ${req.method} ${req.url}`);
      return;
    }
    const configured = this.options.defaultText ?? 'Hello from the test server';
    const text = typeof configured === 'function' ? configured(req) : configured;
    const n = typeof req.body?.n === 'number' && req.body.n > 0 ? Math.min(req.body.n, 16) : 1;
    const logprobs = typeof req.body?.logprobs === 'number' ? ('legacy' as const) : undefined;
    const pieces = text.match(/\s*\S+|\s+/g) ?? [text];
    if (req.body?.stream === false) {
      await sendCompletion(res, { choices: Array.from({ length: n }, () => pieces), logprobs });
    } else {
      await streamCompletion(res, { choices: Array.from({ length: n }, () => pieces), logprobs, usage: true, delayMs: this.options.defaultDelayMs });
    }
  }
}

/* ------------------------------------------------------------------------------------------------
 * Faults: misbehaving servers
 * ---------------------------------------------------------------------------------------------- */

/** Sends a whole HTML page (a login page, a proxy's error page, a web UI at the wrong path). */
export function sendHtml(res: http.ServerResponse, status: number, html: string, headers: http.OutgoingHttpHeaders = {}): Promise<void> {
  if (!isOpen(res)) return Promise.resolve();
  res.writeHead(status, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': Buffer.byteLength(html), ...headers });
  return new Promise((resolve) => res.end(html, () => resolve()));
}

/** Answers with a redirect to `location` (an empty body). */
export function sendRedirect(res: http.ServerResponse, status: 301 | 302 | 303 | 307 | 308, location: string): Promise<void> {
  if (!isOpen(res)) return Promise.resolve();
  res.writeHead(status, { Location: location, 'Content-Length': 0 });
  return new Promise((resolve) => res.end(() => resolve()));
}

/** Writes `chunk`, waiting for the socket to drain (so a slow reader slows the writer). False once the response is gone. */
export async function writeWithBackpressure(res: http.ServerResponse, chunk: string | Uint8Array): Promise<boolean> {
  if (!isOpen(res)) return false;
  if (res.write(chunk)) return true;
  await new Promise<void>((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
  return isOpen(res);
}

/**
 * After `head` (already framed), writes `totalBytes` more bytes of `filler`, chunk by chunk with
 * backpressure, stopping early when the client goes away. Resolves with the bytes written
 * (after `head`) and whether the client stopped it. Ends the response when it wrote them all.
 */
export async function sendLarge(
  res: http.ServerResponse,
  options: { status?: number; contentType: string; head?: string; totalBytes: number; filler?: string; tail?: string; chunkBytes?: number },
): Promise<{ written: number; stoppedByClient: boolean }> {
  if (!isOpen(res)) return { written: 0, stoppedByClient: true };
  res.writeHead(options.status ?? 200, { 'Content-Type': options.contentType });
  if (options.head && !(await writeWithBackpressure(res, options.head))) return { written: 0, stoppedByClient: true };
  const chunkBytes = options.chunkBytes ?? 64 * 1024;
  const filler = options.filler ?? 'x';
  const block = Buffer.from(filler.repeat(Math.ceil(chunkBytes / Buffer.byteLength(filler))).slice(0, chunkBytes));
  let written = 0;
  while (written < options.totalBytes) {
    const piece = block.subarray(0, Math.min(block.length, options.totalBytes - written));
    if (!(await writeWithBackpressure(res, piece))) return { written, stoppedByClient: true };
    written += piece.length;
  }
  if (options.tail) await writeRaw(res, options.tail);
  await endResponse(res);
  return { written, stoppedByClient: false };
}

/**
 * Sends the headers, then `text` one byte every `intervalMs` (default 1000), forever unless
 * `repeat` is false, until the client closes the connection. Resolves with the bytes sent.
 */
export async function trickle(
  req: RecordedRequest,
  res: http.ServerResponse,
  options: { contentType?: string; text?: string; intervalMs?: number; repeat?: boolean } = {},
): Promise<number> {
  if (!isOpen(res)) return 0;
  res.writeHead(200, { 'Content-Type': options.contentType ?? 'text/event-stream' });
  res.flushHeaders();
  const bytes = Buffer.from(options.text ?? 'data: {"choices":[{"text":"never ending","index":0}]}\n\n');
  let sent = 0;
  for (let i = 0; isOpen(res); i++) {
    if (i >= bytes.length) {
      if (options.repeat === false) break;
      i = 0;
    }
    await writeRaw(res, bytes.subarray(i, i + 1));
    sent++;
    await Promise.race([sleep(options.intervalMs ?? 1000), req.whenResponseClosed]);
  }
  return sent;
}

/**
 * A TCP server on 127.0.0.1 that accepts connections and never says a word: an https client
 * waits forever for the TLS handshake (a connect that never completes), an http client for the
 * response. Counts the connections it saw and which are still open.
 */
export class SilentTcpServer {
  private readonly sockets = new Set<Socket>();
  connectionsSeen = 0;
  /** Bytes received (for https: the TLS ClientHello; never an Authorization header in clear). */
  readonly received: Buffer[] = [];

  private constructor(private readonly server: net.Server) {}

  static async start(): Promise<SilentTcpServer> {
    const server = net.createServer();
    const instance = new SilentTcpServer(server);
    server.on('connection', (socket) => {
      instance.connectionsSeen++;
      instance.sockets.add(socket);
      socket.on('data', (chunk) => instance.received.push(chunk));
      socket.on('error', () => undefined);
      socket.on('close', () => instance.sockets.delete(socket));
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    return instance;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  get openConnections(): number {
    return this.sockets.size;
  }

  async waitForNoOpenConnections(timeoutMs = 5000): Promise<void> {
    await waitUntil(() => this.sockets.size === 0, { timeoutMs, message: () => `${this.sockets.size} connection(s) still open` });
  }

  async close(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    for (const socket of this.sockets) socket.destroy();
    await closed;
  }
}
