/**
 * One HTTP/1.1 request over Node's `http`/`https`, with the hooks the completion client needs to
 * time each phase itself: {@link HttpRequestOptions.onConnected} (TCP, and for https the TLS
 * handshake, is done), the response headers, then the body chunk by chunk.
 *
 * - Redirects are never followed (Node's `http` does not), so the key only goes to the base URL.
 * - The body is read with backpressure (see streamBodyReader.ts). {@link BodyReader.cancel} (and
 *   the abort signal) destroy the socket at once, so the server sees the connection close:
 *   HTTP/1.1 cannot stop a response and keep its connection.
 * - Without an `agent` the request goes through `https.request` exactly as any extension's
 *   would, so VS Code's proxy support (which patches that function) applies.
 * - Errors keep Node's `code` (`ECONNREFUSED`, `ECONNRESET`, TLS codes) for the error mapper;
 *   a response cut off before its end fails with `ECONNRESET`.
 */
import * as http from 'node:http';
import * as https from 'node:https';
import { StreamBodyReader } from './streamBodyReader';
import { abortError, headerReader, HttpRequestOptions, HttpResponse } from './transportTypes';

export type { BodyRead, BodyReader, HttpRequestOptions, HttpResponse } from './transportTypes';

/** How the HTTP/1.1 request is carried: a keep-alive agent of our own, extra trusted certificates. */
export interface Http1Carrier {
  agent?: http.Agent;
  /** Certificates to trust besides the system's (tests and the benchmark only). */
  ca?: string | Buffer;
}

/**
 * Sends one request and resolves with the response once its headers arrived. Rejects with the
 * socket's error when no response came (refused, reset, DNS, TLS), or with an `AbortError` when
 * the signal aborted first.
 */
export function sendHttpRequest(url: URL, options: HttpRequestOptions, carrier: Http1Carrier = {}): Promise<HttpResponse> {
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
    const requestOptions: https.RequestOptions = { method: options.method, headers };
    if (carrier.agent) requestOptions.agent = carrier.agent;
    if (carrier.ca && secure) requestOptions.ca = carrier.ca;
    const request = (secure ? https : http).request(url, requestOptions);

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
      // A fresh socket is still connecting; a reused keep-alive (or pre-connected) socket is ready now.
      // (Node documents a TLS socket's `alpnProtocol` as null until its handshake completed.)
      const pending = secure ? (socket as { alpnProtocol?: string | false | null }).alpnProtocol === null : socket.connecting;
      if (pending) socket.once(secure ? 'secureConnect' : 'connect', markConnected);
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
        headers: headerReader(incoming.headers),
        body: new StreamBodyReader(incoming, () => incoming.complete, () => incoming.destroy()),
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
