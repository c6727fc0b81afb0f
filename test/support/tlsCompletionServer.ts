/**
 * A loopback TLS completions server for transport tests and the benchmark: HTTP/2 with HTTP/1.1
 * fallback (`'h2'`, both offered by ALPN, as CDNs and most gateways do) or HTTP/1.1 only
 * (`'h1'`, an `https` server offering no ALPN), with the self-signed test certificate. It counts
 * what the client did to it: TLS connections, HTTP/2 sessions and streams, streams the client
 * reset, requests per protocol.
 *
 * The default handler streams `pieces` as server-sent events, one every `pieceDelayMs`, ending in
 * `data: [DONE]`, and stops writing when the client goes away; a test may install its own.
 */
import * as http from 'node:http';
import * as http2 from 'node:http2';
import * as https from 'node:https';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { TEST_TLS_CERT, TEST_TLS_KEY } from './tlsTestCertificate';

export type TlsProtocols = 'h2' | 'h1';
export type TlsRequest = http.IncomingMessage | http2.Http2ServerRequest;
export type TlsResponse = http.ServerResponse | http2.Http2ServerResponse;
export type TlsHandler = (req: TlsRequest, res: TlsResponse, body: string) => void | Promise<void>;

export interface TlsServerOptions {
  protocols: TlsProtocols;
  pieces?: string[];
  pieceDelayMs?: number;
}

export class TlsCompletionServer {
  tlsConnections = 0;
  openConnections = 0;
  http2Sessions = 0;
  http2Streams = 0;
  /** HTTP/2 streams the client reset (RST_STREAM CANCEL) before they ended. */
  resetStreams = 0;
  http1Requests = 0;
  /** Requests whose response the client stopped before its end (HTTP/1.1 connection closed or HTTP/2 stream reset). */
  stoppedResponses = 0;
  handler: TlsHandler | undefined;
  private readonly sockets = new Set<TLSSocket>();
  private readonly sessions = new Set<http2.ServerHttp2Session>();

  private constructor(
    private readonly server: https.Server | http2.Http2SecureServer,
    private readonly options: TlsServerOptions,
  ) {}

  static async start(options: TlsServerOptions): Promise<TlsCompletionServer> {
    const tlsOptions = { cert: TEST_TLS_CERT, key: TEST_TLS_KEY };
    const server = options.protocols === 'h2' ? http2.createSecureServer({ ...tlsOptions, allowHTTP1: true }) : https.createServer(tlsOptions);
    const instance = new TlsCompletionServer(server, options);
    server.on('secureConnection', (socket: TLSSocket) => {
      instance.tlsConnections++;
      instance.openConnections++;
      instance.sockets.add(socket);
      socket.once('close', () => {
        instance.openConnections--;
        instance.sockets.delete(socket);
      });
    });
    if (options.protocols === 'h2') {
      (server as http2.Http2SecureServer).on('session', (session: http2.ServerHttp2Session) => {
        instance.http2Sessions++;
        instance.sessions.add(session);
        session.once('close', () => instance.sessions.delete(session));
        session.on('stream', (stream: http2.ServerHttp2Stream) => {
          instance.http2Streams++;
          stream.once('close', () => {
            if (stream.rstCode === http2.constants.NGHTTP2_CANCEL) instance.resetStreams++;
          });
        });
      });
    }
    (server as http.Server).on('request', (req: TlsRequest, res: TlsResponse) => void instance.answer(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return instance;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  get baseUrl(): string {
    return `https://127.0.0.1:${this.port}/v1`;
  }

  get completionsUrl(): URL {
    return new URL(`${this.baseUrl}/completions`);
  }

  /** Ends every HTTP/2 session the polite way (GOAWAY), as a server does with idle ones. */
  closeSessions(): void {
    for (const session of this.sessions) session.close();
  }

  async close(): Promise<void> {
    for (const session of this.sessions) session.destroy();
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async answer(req: TlsRequest, res: TlsResponse): Promise<void> {
    if (req.httpVersionMajor === 1) this.http1Requests++;
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    let stopped = false;
    res.once('close', () => {
      if (!res.writableEnded) {
        stopped = true;
        this.stoppedResponses++;
      }
    });
    if (this.handler) {
      await this.handler(req, res, body);
      return;
    }
    const out = res as http.ServerResponse;
    out.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    for (const piece of this.options.pieces ?? ['Hello', ' world']) {
      if (stopped) return;
      out.write(`data: ${JSON.stringify({ id: 'cmpl-1', object: 'text_completion', created: 1, model: 'm', choices: [{ text: piece, index: 0, logprobs: null, finish_reason: null }] })}\n\n`);
      await new Promise((resolve) => setTimeout(resolve, this.options.pieceDelayMs ?? 0));
    }
    if (stopped) return;
    out.write(`data: ${JSON.stringify({ id: 'cmpl-1', object: 'text_completion', created: 1, model: 'm', choices: [{ text: '', index: 0, logprobs: null, finish_reason: 'stop' }] })}\n\n`);
    out.end('data: [DONE]\n\n');
  }
}
