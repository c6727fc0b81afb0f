/**
 * The connections the completion client's requests travel on, kept between requests so that
 * no suggestion pays a TCP and TLS handshake once the first request was made:
 *
 * - https without a proxy: the first connection to an origin offers HTTP/2 and HTTP/1.1 by ALPN.
 *   HTTP/2: one session per origin carries every request; an abort resets its stream and the
 *   session stays. HTTP/1.1 only (h2 refused): that connection becomes the first keep-alive
 *   socket of our agent and the origin stays on HTTP/1.1 (an abort there closes the socket).
 * - A proxy in use ({@link ConnectionPoolOptions.proxied}), or a direct connection that failed:
 *   plain `https.request`, which VS Code's proxy support patches, exactly as before.
 * - http (local servers): a keep-alive agent of our own (or plain `http.request` with a proxy).
 * - {@link warmUp}: when typing starts and no connection to the origin is open, make one now.
 */
import * as http from 'node:http';
import * as http2 from 'node:http2';
import { isIP } from 'node:net';
import * as tls from 'node:tls';
import { sendHttp2Request } from './http2Transport';
import { sendHttpRequest } from './httpTransport';
import { proxyInUse } from './proxyInUse';
import { SpareSocketAgent } from './spareSocketAgent';
import { hostOf, port } from './urlAddress';
import { abortError, HttpRequestOptions, HttpResponse } from './transportTypes';

export interface ConnectionPoolOptions {
  /** Whether a proxy carries requests to `url` (then HTTP/1.1 through `https.request`). Default: the proxy environment variables. */
  proxied?: (url: URL) => boolean;
  /** Offer HTTP/2 (default true). */
  http2?: boolean;
  /** Certificates to trust besides the system's (tests and the benchmark only). */
  ca?: string | Buffer;
  /** Longest wait for a direct connection before the request goes the plain way instead. Default 5 s. */
  directConnectMs?: number;
  /** How long the plain way is kept after a direct connection failed. Default 60 s. */
  directRetryMs?: number;
  /** An idle HTTP/2 session is closed after this long. Default 120 s. */
  idleSessionMs?: number;
  /** Told, per request, how long it waited for a usable connection (0 when one was open): for the benchmark. */
  onConnected?: (request: { headers: Record<string, string>; connectMs: number }) => void;
}

/** What the pool did, for tests and the benchmark. */
export interface ConnectionStats {
  /** Direct TLS connections opened (HTTP/2 sessions and HTTP/1.1 sockets). */
  tlsConnections: number;
  http2Sessions: number;
  /** Requests sent as HTTP/2 streams / over HTTP/1.1. */
  http2Requests: number;
  http1Requests: number;
}

type Connected = { kind: 'h2'; session: http2.ClientHttp2Session } | { kind: 'h1' } | { kind: 'failed' };

/** A direct connection being made: who waits for it, and how to drop it. */
interface Attempt {
  result: Promise<Connected>;
  /** Requests waiting for it. */
  waiters: number;
  /** A warm-up asked for it: kept even when no request waits. */
  wanted: boolean;
  cancel(): void;
}

interface OriginState {
  protocol: 'unknown' | 'h2' | 'h1' | 'plain';
  /** Until when the plain way is used after a failed direct connection. */
  plainUntil: number;
  session: http2.ClientHttp2Session | undefined;
  connecting: Attempt | undefined;
}

export class ConnectionPool {
  readonly stats: ConnectionStats = { tlsConnections: 0, http2Sessions: 0, http2Requests: 0, http1Requests: 0 };
  private readonly origins = new Map<string, OriginState>();
  private readonly httpsAgent: SpareSocketAgent;
  private readonly httpAgent = new http.Agent({ keepAlive: true });
  private readonly openStreams = new WeakMap<http2.ClientHttp2Session, number>();
  private proxied: (url: URL) => boolean;
  private closed = false;

  constructor(private readonly options: ConnectionPoolOptions = {}) {
    this.proxied = options.proxied ?? ((url) => proxyInUse(url, { env: process.env }));
    this.httpsAgent = new SpareSocketAgent(options.ca ? { ca: options.ca } : {});
  }

  /** Replaces the check whether a proxy carries requests (the editor's settings can change). */
  useProxyCheck(proxied: (url: URL) => boolean): void {
    this.proxied = proxied;
  }

  /** Sends one request on the best connection there is for its origin. Rejects like {@link sendHttpRequest}. */
  async send(url: URL, given: HttpRequestOptions): Promise<HttpResponse> {
    if (given.signal.aborted) throw abortError();
    const options = this.options.onConnected ? this.observed(given, this.options.onConnected) : given;
    if (url.protocol !== 'https:') {
      this.stats.http1Requests++;
      return sendHttpRequest(url, options, this.proxied(url) || this.closed ? {} : { agent: this.httpAgent });
    }
    const state = this.directState(url);
    if (!state) return this.sendPlain(url, options);
    if (state.protocol === 'h1') return this.sendH1(url, options);
    const reused = liveSession(state.session);
    if (reused) {
      try {
        return await this.sendH2(reused, url, options);
      } catch (error) {
        // The server may have closed an idle session while the request set out: once more on a new one.
        if (options.signal.aborted || !liveSessionLost(reused, error)) throw error;
      }
    }
    const connected = await this.connect(url, state, options.signal);
    if (connected.kind === 'h2') return this.sendH2(connected.session, url, options);
    if (connected.kind === 'h1') return this.sendH1(url, options);
    return this.sendPlain(url, options);
  }

  /**
   * Opens a connection to `url`'s origin when none is open (typing started: the request that
   * follows should not pay the handshake). Cheap when one is open; never throws.
   */
  warmUp(url: URL): void {
    if (url.protocol !== 'https:') return;
    const state = this.directState(url);
    if (!state || state.connecting || liveSession(state.session)) return;
    if (state.protocol === 'h1' && this.httpsAgent.hasWarmConnection(hostOf(url), port(url))) return;
    void this.connect(url, state, undefined);
  }

  private observed(options: HttpRequestOptions, report: NonNullable<ConnectionPoolOptions['onConnected']>): HttpRequestOptions {
    const sentAt = performance.now();
    return {
      ...options,
      onConnected: () => {
        report({ headers: options.headers, connectMs: performance.now() - sentAt });
        options.onConnected?.();
      },
    };
  }

  /** Closes every connection; later requests go the plain way. */
  close(): void {
    this.closed = true;
    for (const state of this.origins.values()) state.session?.close();
    this.origins.clear();
    this.httpsAgent.destroy();
    this.httpAgent.destroy();
  }

  /** The origin's state when requests to it go direct (no proxy, not given up on); undefined for the plain way. */
  private directState(url: URL): OriginState | undefined {
    if (this.closed || this.proxied(url)) return undefined;
    let state = this.origins.get(url.origin);
    if (!state) {
      state = { protocol: this.options.http2 === false ? 'h1' : 'unknown', plainUntil: 0, session: undefined, connecting: undefined };
      this.origins.set(url.origin, state);
    }
    if (state.protocol === 'plain') {
      if (Date.now() < state.plainUntil) return undefined;
      state.protocol = 'unknown';
    }
    return state;
  }

  private sendPlain(url: URL, options: HttpRequestOptions): Promise<HttpResponse> {
    this.stats.http1Requests++;
    return sendHttpRequest(url, options, { ca: this.options.ca });
  }

  private sendH1(url: URL, options: HttpRequestOptions): Promise<HttpResponse> {
    this.stats.http1Requests++;
    return sendHttpRequest(url, options, { agent: this.httpsAgent, ca: this.options.ca });
  }

  private sendH2(session: http2.ClientHttp2Session, url: URL, options: HttpRequestOptions): Promise<HttpResponse> {
    this.stats.http2Requests++;
    // A session with open streams keeps the process alive; an idle one does not.
    this.openStreams.set(session, (this.openStreams.get(session) ?? 0) + 1);
    session.ref();
    return sendHttp2Request(session, url, options, () => {
      const open = (this.openStreams.get(session) ?? 1) - 1;
      this.openStreams.set(session, open);
      if (open === 0 && !session.destroyed) session.unref();
    });
  }

  /**
   * One direct connection per origin at a time; concurrent requests wait for the same one. When
   * every request waiting for it gave up (and no warm-up wants it), the attempt is dropped.
   */
  private connect(url: URL, state: OriginState, signal: AbortSignal | undefined): Promise<Connected> {
    let attempt = state.connecting;
    if (!attempt) {
      attempt = this.openDirect(url, state);
      state.connecting = attempt;
      attempt.result.finally(() => {
        if (state.connecting === attempt) state.connecting = undefined;
      });
    }
    const current = attempt;
    if (!signal) {
      current.wanted = true;
      return current.result;
    }
    current.waiters++;
    return new Promise<Connected>((resolve, reject) => {
      const onAbort = (): void => {
        if (--current.waiters === 0 && !current.wanted) current.cancel();
        reject(abortError());
      };
      signal.addEventListener('abort', onAbort, { once: true });
      current.result.then((connected) => {
        signal.removeEventListener('abort', onAbort);
        if (!signal.aborted) current.waiters--;
        resolve(connected);
      });
    });
  }

  /** A TLS connection offering h2 and http/1.1; what the server chose decides the origin's protocol. */
  private openDirect(url: URL, state: OriginState): Attempt {
    const offered = state.protocol === 'h1' ? ['http/1.1'] : ['h2', 'http/1.1'];
    this.stats.tlsConnections++;
    const socket = tls.connect({
      host: hostOf(url),
      port: port(url),
      servername: isIP(hostOf(url)) ? undefined : hostOf(url),
      ALPNProtocols: offered,
      ...(this.options.ca ? { ca: this.options.ca } : {}),
    });
    let settle: (connected: Connected) => void = () => undefined;
    const result = new Promise<Connected>((resolve) => (settle = resolve));
    const end = (connected: Connected): void => {
      clearTimeout(timer);
      socket.removeListener('error', failed);
      settle(connected);
    };
    const failed = (): void => {
      socket.destroy();
      state.protocol = 'plain';
      state.plainUntil = Date.now() + (this.options.directRetryMs ?? 60_000);
      end({ kind: 'failed' });
    };
    const timer = setTimeout(failed, this.options.directConnectMs ?? 5_000);
    socket.once('error', failed);
    socket.once('secureConnect', () => {
      if (this.closed) {
        socket.destroy();
        end({ kind: 'failed' });
      } else if (socket.alpnProtocol === 'h2') {
        end({ kind: 'h2', session: this.adoptSession(url, state, socket) });
      } else {
        // HTTP/2 refused: this connection serves the next HTTP/1.1 request.
        state.protocol = 'h1';
        socket.on('error', () => socket.destroy());
        this.httpsAgent.addSpare(hostOf(url), port(url), socket);
        end({ kind: 'h1' });
      }
    });
    return {
      result,
      waiters: 0,
      wanted: false,
      cancel: () => {
        // Nobody wants it any more: not a failure of the direct way.
        socket.destroy();
        end({ kind: 'failed' });
      },
    };
  }

  private adoptSession(url: URL, state: OriginState, socket: tls.TLSSocket): http2.ClientHttp2Session {
    this.stats.http2Sessions++;
    state.protocol = 'h2';
    const session = http2.connect(url.origin, { createConnection: () => socket });
    state.session = session;
    const forget = (): void => {
      if (state.session === session) state.session = undefined;
    };
    session.on('error', forget);
    session.on('goaway', forget);
    session.on('close', forget);
    session.setTimeout(this.options.idleSessionMs ?? 120_000, () => {
      if (!this.openStreams.get(session)) session.close();
    });
    session.unref();
    return session;
  }
}

function liveSession(session: http2.ClientHttp2Session | undefined): http2.ClientHttp2Session | undefined {
  return session && !session.closed && !session.destroyed ? session : undefined;
}

/** Whether a reused session failed under the request (it closed or went away), so a new one may succeed. */
function liveSessionLost(session: http2.ClientHttp2Session, error: unknown): boolean {
  const code = (error as { code?: unknown })?.code;
  return session.closed || session.destroyed || (typeof code === 'string' && code.startsWith('ERR_HTTP2'));
}

