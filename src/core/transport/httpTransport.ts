/**
 * One HTTP(S) request over Node's `http`/`https`, with the hooks the completion client needs to
 * time each phase itself: {@link HttpRequestOptions.onConnected} (TCP, and for https the TLS
 * handshake, is done), the response headers, then the body chunk by chunk.
 *
 * - Redirects are never followed (Node's `http` does not), so the key only goes to the base URL.
 * - The body is read with backpressure: at most one chunk waits in memory; the socket is paused
 *   until it is read. {@link BodyReader.cancel} (and the abort signal) destroy the socket at once,
 *   so the server sees the connection close.
 * - Errors keep Node's `code` (`ECONNREFUSED`, `ECONNRESET`, TLS codes) for the error mapper;
 *   a response cut off before its end fails with `ECONNRESET`.
 */
import * as http from 'node:http';
import * as https from 'node:https';

export interface HttpRequestOptions {
  method: 'POST' | 'GET';
  headers: Record<string, string>;
  body?: string;
  /** Aborting destroys the request and the response at once. */
  signal: AbortSignal;
  /** Called once the connection is usable (for https: after the TLS handshake); at once for a reused connection. */
  onConnected?: () => void;
}

export type BodyRead = { done: true; value?: undefined } | { done: false; value: Uint8Array };

/** The response body, one chunk at a time. */
export interface BodyReader {
  /** The next chunk, or done at the end; rejects when the connection breaks. One read at a time. */
  read(): Promise<BodyRead>;
  /** Stops reading and closes the connection. Never rejects. */
  cancel(): Promise<void>;
}

export interface HttpResponse {
  status: number;
  ok: boolean;
  /** `get(name)` is case-insensitive; repeated headers are joined with ", ". */
  headers: { get(name: string): string | null };
  body: BodyReader;
}

function abortError(): Error {
  return Object.assign(new Error('The request was aborted.'), { name: 'AbortError', code: 'ABORT_ERR' });
}

function connectionReset(message: string): Error {
  return Object.assign(new Error(message), { code: 'ECONNRESET' });
}

class IncomingBodyReader implements BodyReader {
  private readonly queue: Buffer[] = [];
  private ended = false;
  private failure: unknown;
  private wake: (() => void) | undefined;

  constructor(private readonly response: http.IncomingMessage) {
    response.on('data', (chunk: Buffer) => {
      this.queue.push(chunk);
      response.pause();
      this.notify();
    });
    response.on('end', () => {
      this.ended = true;
      this.notify();
    });
    response.on('error', (error) => {
      this.failure ??= error;
      this.notify();
    });
    response.on('close', () => {
      if (!this.ended && !response.complete) this.failure ??= connectionReset('the connection closed before the response ended');
      this.notify();
    });
  }

  async read(): Promise<BodyRead> {
    for (;;) {
      const chunk = this.queue.shift();
      if (chunk) {
        if (this.queue.length === 0 && !this.ended) this.response.resume();
        return { done: false, value: new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength) };
      }
      if (this.failure !== undefined) throw this.failure;
      if (this.ended) return { done: true };
      this.response.resume();
      await new Promise<void>((resolve) => (this.wake = resolve));
    }
  }

  async cancel(): Promise<void> {
    this.queue.length = 0;
    this.failure ??= connectionReset('the response was cancelled');
    this.response.destroy();
    this.notify();
  }

  private notify(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }
}

/**
 * Sends one request and resolves with the response once its headers arrived. Rejects with the
 * socket's error when no response came (refused, reset, DNS, TLS), or with an `AbortError` when
 * the signal aborted first.
 */
export function sendHttpRequest(url: URL, options: HttpRequestOptions): Promise<HttpResponse> {
  return new Promise((resolve, reject) => {
    if (options.signal.aborted) {
      reject(abortError());
      return;
    }
    const secure = url.protocol === 'https:';
    const headers: Record<string, string | number> = { ...options.headers };
    if (options.body !== undefined) headers['Content-Length'] = Buffer.byteLength(options.body);
    let settled = false;
    let response: http.IncomingMessage | undefined;
    const request = (secure ? https : http).request(url, { method: options.method, headers });

    const onAbort = (): void => {
      const error = abortError();
      request.destroy(error);
      response?.destroy();
      if (!settled) {
        settled = true;
        reject(error);
      }
    };
    options.signal.addEventListener('abort', onAbort, { once: true });
    const forget = (): void => options.signal.removeEventListener('abort', onAbort);

    let connected = false;
    const markConnected = (): void => {
      if (connected) return;
      connected = true;
      options.onConnected?.();
    };
    request.once('socket', (socket) => {
      // A fresh socket is still connecting; a reused keep-alive socket is ready now.
      if (socket.connecting) socket.once(secure ? 'secureConnect' : 'connect', markConnected);
      else markConnected();
    });

    request.once('response', (incoming) => {
      markConnected();
      response = incoming;
      incoming.once('close', forget);
      if (settled) {
        incoming.destroy();
        return;
      }
      settled = true;
      const status = incoming.statusCode ?? 0;
      resolve({
        status,
        ok: status >= 200 && status < 300,
        headers: {
          get(name: string): string | null {
            const value = incoming.headers[name.toLowerCase()];
            if (value === undefined) return null;
            return Array.isArray(value) ? value.join(', ') : String(value);
          },
        },
        body: new IncomingBodyReader(incoming),
      });
    });
    request.on('error', (error) => {
      if (settled) return;
      settled = true;
      forget();
      reject(error);
    });
    request.end(options.body);
  });
}
