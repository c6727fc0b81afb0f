/**
 * A network for the benchmark, all on loopback: the client talks TLS to a {@link DelayLink}
 * (a TCP relay that delays every chunk by half the round-trip time each way, and the first
 * bytes of a connection by one more round trip, standing in for TCP's own handshake), which
 * relays to a {@link TlsEdge} (the TLS end: HTTP/2 with HTTP/1.1 fallback, or HTTP/1.1 only,
 * with the test certificate), which forwards each request to the scripted model server over
 * plain keep-alive HTTP and streams the answer back. A client that stops a response (HTTP/2
 * stream reset, or HTTP/1.1 connection closed) stops the upstream request too.
 *
 * The edge counts what the client did: TLS handshakes, requests per protocol, responses stopped
 * before their end.
 */
import * as http from 'node:http';
import * as http2 from 'node:http2';
import * as https from 'node:https';
import * as net from 'node:net';
import type { TLSSocket } from 'node:tls';
import { TEST_TLS_CERT, TEST_TLS_KEY } from '../test/support/tlsTestCertificate';

export type EdgeProtocols = 'h2' | 'h1';

export class TlsEdge {
  handshakes = 0;
  requests = 0;
  http2Requests = 0;
  /** Responses the client stopped before their end (stream reset, or connection closed). */
  stoppedResponses = 0;
  private readonly upstreamAgent = new http.Agent({ keepAlive: true });
  private readonly sockets = new Set<TLSSocket>();

  private constructor(
    private readonly server: https.Server | http2.Http2SecureServer,
    private readonly upstream: URL,
  ) {}

  static async start(protocols: EdgeProtocols, upstreamBaseUrl: string): Promise<TlsEdge> {
    const tlsOptions = { cert: TEST_TLS_CERT, key: TEST_TLS_KEY };
    const server = protocols === 'h2' ? http2.createSecureServer({ ...tlsOptions, allowHTTP1: true }) : https.createServer(tlsOptions);
    const edge = new TlsEdge(server, new URL(upstreamBaseUrl));
    server.on('secureConnection', (socket: TLSSocket) => {
      edge.handshakes++;
      edge.sockets.add(socket);
      socket.once('close', () => edge.sockets.delete(socket));
    });
    (server as http.Server).on('request', (req: http.IncomingMessage, res: http.ServerResponse) => edge.forward(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return edge;
  }

  get port(): number {
    return (this.server.address() as net.AddressInfo).port;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    this.upstreamAgent.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private forward(req: http.IncomingMessage, res: http.ServerResponse): void {
    this.requests++;
    if (req.httpVersionMajor === 2) this.http2Requests++;
    const headers: http.OutgoingHttpHeaders = {};
    for (const [name, value] of Object.entries(req.headers)) if (!name.startsWith(':') && name !== 'connection' && name !== 'host') headers[name] = value;
    const upstream = http.request(
      { host: this.upstream.hostname, port: this.upstream.port, path: req.url, method: req.method, headers, agent: this.upstreamAgent },
      (answer) => {
        const out: http.OutgoingHttpHeaders = {};
        for (const [name, value] of Object.entries(answer.headers)) if (!['connection', 'keep-alive', 'transfer-encoding'].includes(name)) out[name] = value;
        res.writeHead(answer.statusCode ?? 502, out);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    res.once('close', () => {
      if (!res.writableEnded) {
        this.stoppedResponses++;
        upstream.destroy();
      }
    });
    req.pipe(upstream);
  }
}

/** A TCP relay adding `rttMs` of round trip: every chunk waits rtt/2 each way, a new connection's first bytes one rtt more. */
export class DelayLink {
  private readonly sockets = new Set<net.Socket>();

  private constructor(
    private readonly server: net.Server,
    readonly rttMs: number,
  ) {}

  static async start(rttMs: number, targetPort: number): Promise<DelayLink> {
    const server = net.createServer();
    const link = new DelayLink(server, rttMs);
    server.on('connection', (client) => {
      const upstream = net.connect(targetPort, '127.0.0.1');
      client.setNoDelay(true);
      upstream.setNoDelay(true);
      for (const socket of [client, upstream]) {
        link.sockets.add(socket);
        socket.once('close', () => link.sockets.delete(socket));
        socket.on('error', () => undefined);
      }
      // TCP's handshake costs a round trip before the first byte can go.
      link.relay(client, upstream, rttMs);
      link.relay(upstream, client, 0);
      client.once('close', () => setTimeout(() => upstream.destroy(), rttMs / 2));
      upstream.once('close', () => setTimeout(() => client.destroy(), rttMs / 2));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return link;
  }

  get port(): number {
    return (this.server.address() as net.AddressInfo).port;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Copies `from` to `to`, each chunk rtt/2 later (plus `firstExtraMs` for the very first), in order. */
  private relay(from: net.Socket, to: net.Socket, firstExtraMs: number): void {
    if (this.rttMs <= 0) {
      from.pipe(to);
      return;
    }
    const oneWay = this.rttMs / 2;
    let extra = firstExtraMs;
    let lastDue = 0;
    from.on('data', (chunk: Buffer) => {
      const due = Math.max(performance.now() + oneWay + extra, lastDue);
      extra = 0;
      lastDue = due;
      setTimeout(() => {
        if (!to.destroyed) to.write(chunk);
      }, due - performance.now());
    });
  }
}

/** The edge, and the link in front of it: `baseUrl` is what the client is given. */
export class BenchNetwork {
  private constructor(
    readonly edge: TlsEdge,
    readonly link: DelayLink,
  ) {}

  static async start(rttMs: number, protocols: EdgeProtocols, upstreamBaseUrl: string): Promise<BenchNetwork> {
    const edge = await TlsEdge.start(protocols, upstreamBaseUrl);
    const link = await DelayLink.start(rttMs, edge.port);
    return new BenchNetwork(edge, link);
  }

  get baseUrl(): string {
    return `https://127.0.0.1:${this.link.port}/v1`;
  }

  async close(): Promise<void> {
    await this.link.close();
    await this.edge.close();
  }
}
