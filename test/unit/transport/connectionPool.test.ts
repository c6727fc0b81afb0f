/**
 * The connection pool against real loopback TLS servers (HTTP/2 with HTTP/1.1 fallback, and
 * HTTP/1.1 only), counting on the server side what the client opened and reset.
 */
import * as assert from 'node:assert/strict';
import { ConnectionPool } from '../../../src/core/transport/connectionPool';
import type { HttpResponse } from '../../../src/core/transport/transportTypes';
import { waitUntil } from '../../support/openAiTestServer';
import { TlsCompletionServer, TlsProtocols } from '../../support/tlsCompletionServer';
import { TEST_TLS_CERT } from '../../support/tlsTestCertificate';

async function readAll(response: HttpResponse): Promise<string> {
  const chunks: Uint8Array[] = [];
  for (let r = await response.body.read(); !r.done; r = await response.body.read()) chunks.push(r.value);
  return Buffer.concat(chunks).toString('utf8');
}

function post(signal = new AbortController().signal, onConnected?: () => void) {
  return { method: 'POST' as const, headers: { 'Content-Type': 'application/json', Authorization: 'Bearer k' }, body: '{"prompt":"x"}', signal, onConnected };
}

describe('ConnectionPool (keep-alive, HTTP/2, fallback, warm-up)', function () {
  let server: TlsCompletionServer;
  let pool: ConnectionPool;

  async function start(protocols: TlsProtocols, options: { pieces?: string[]; pieceDelayMs?: number } = {}, proxied = false): Promise<void> {
    server = await TlsCompletionServer.start({ protocols, ...options });
    pool = new ConnectionPool({ ca: TEST_TLS_CERT, proxied: () => proxied });
  }

  afterEach(async function () {
    pool?.close();
    await server?.close();
  });

  describe('a server offering HTTP/2', function () {
    it('sends every request as a stream of one session over one TLS connection', async function () {
      await start('h2');
      for (let i = 0; i < 3; i++) {
        const response = await pool.send(server.completionsUrl, post());
        assert.equal(response.status, 200);
        assert.match(await readAll(response), /Hello[\s\S]*world[\s\S]*\[DONE\]/);
      }
      assert.equal(server.tlsConnections, 1);
      assert.equal(server.http2Sessions, 1);
      assert.equal(server.http2Streams, 3);
      assert.equal(server.http1Requests, 0);
      assert.deepEqual({ ...pool.stats }, { tlsConnections: 1, http2Sessions: 1, http2Requests: 3, http1Requests: 0 });
    });

    it('an abort mid-stream resets only that stream: the server stops, the connection stays for the next request', async function () {
      await start('h2', { pieces: Array.from({ length: 200 }, (_, i) => `p${i} `), pieceDelayMs: 10 });
      const controller = new AbortController();
      const response = await pool.send(server.completionsUrl, post(controller.signal));
      assert.equal((await response.body.read()).done, false);
      controller.abort();
      await assert.rejects(readAll(response), { code: 'ECONNRESET' });
      await waitUntil(() => server.resetStreams === 1, { message: 'the server never saw the stream reset' });
      await waitUntil(() => server.stoppedResponses === 1, { message: 'the server kept writing' });
      assert.equal(server.openConnections, 1, 'the connection is still open');
      let connectedAtOnce = false;
      const next = await pool.send(server.completionsUrl, post(undefined, () => (connectedAtOnce = true)));
      assert.ok(connectedAtOnce);
      await next.body.cancel();
      await waitUntil(() => server.resetStreams === 2, { message: 'cancel did not reset the second stream' });
      assert.equal(server.tlsConnections, 1);
      assert.equal(server.http2Streams, 2);
    });

    it('an abort before the response headers rejects with an AbortError and keeps the connection', async function () {
      await start('h2');
      server.handler = () => new Promise(() => undefined);
      const controller = new AbortController();
      const pending = pool.send(server.completionsUrl, post(controller.signal));
      await waitUntil(() => server.http2Streams === 1, { message: 'the request never arrived' });
      controller.abort();
      await assert.rejects(pending, { name: 'AbortError' });
      await waitUntil(() => server.resetStreams === 1, { message: 'the stream was not reset' });
      server.handler = undefined;
      await readAll(await pool.send(server.completionsUrl, post()));
      assert.equal(server.tlsConnections, 1);
    });

    it('requests made while the first connection is being made share it', async function () {
      await start('h2');
      const responses = await Promise.all([0, 1, 2, 3].map(() => pool.send(server.completionsUrl, post())));
      for (const response of responses) await readAll(response);
      assert.equal(server.tlsConnections, 1);
      assert.equal(server.http2Streams, 4);
    });

    it('a session the server closed (GOAWAY) is replaced by a new one for the next request', async function () {
      await start('h2');
      await readAll(await pool.send(server.completionsUrl, post()));
      server.closeSessions();
      await waitUntil(() => server.openConnections === 0, { message: 'the session did not close' });
      const response = await pool.send(server.completionsUrl, post());
      assert.match(await readAll(response), /\[DONE\]/);
      assert.equal(server.http2Sessions, 2);
    });

    it('warm-up opens the connection before the first request, which then starts without a handshake', async function () {
      await start('h2');
      pool.warmUp(server.completionsUrl);
      await waitUntil(() => server.http2Sessions === 1, { message: 'warm-up made no connection' });
      pool.warmUp(server.completionsUrl);
      assert.equal(server.http2Streams, 0, 'a warm-up sends no request');
      let connected = false;
      const pending = pool.send(server.completionsUrl, post(undefined, () => (connected = true)));
      assert.ok(connected, 'connected synchronously: the session was ready');
      await readAll(await pending);
      assert.equal(server.tlsConnections, 1);
    });
  });

  describe('a server offering only HTTP/1.1 (HTTP/2 refused)', function () {
    it('falls back to HTTP/1.1 on the connection that found out, then keeps it alive', async function () {
      await start('h1');
      for (let i = 0; i < 3; i++) assert.match(await readAll(await pool.send(server.completionsUrl, post())), /\[DONE\]/);
      assert.equal(server.http1Requests, 3);
      assert.equal(server.tlsConnections, 1, 'the ALPN connection carried the first request and the rest reused it');
      assert.deepEqual({ ...pool.stats }, { tlsConnections: 1, http2Sessions: 0, http2Requests: 0, http1Requests: 3 });
    });

    it('an abort closes the HTTP/1.1 connection (the only way to stop a response); a warm-up replaces it before the next request', async function () {
      await start('h1', { pieces: Array.from({ length: 200 }, (_, i) => `p${i} `), pieceDelayMs: 10 });
      const controller = new AbortController();
      const response = await pool.send(server.completionsUrl, post(controller.signal));
      await response.body.read();
      controller.abort();
      await waitUntil(() => server.openConnections === 0, { message: 'the aborted connection stayed open' });
      assert.equal(server.stoppedResponses, 1);
      pool.warmUp(server.completionsUrl);
      await waitUntil(() => server.tlsConnections === 2, { message: 'warm-up made no connection' });
      let connected = false;
      const next = await pool.send(server.completionsUrl, post(undefined, () => (connected = true)));
      await next.body.cancel();
      assert.ok(connected);
      assert.equal(server.tlsConnections, 2, 'the request used the warmed connection');
    });
  });

  describe('the plain way', function () {
    it('with a proxy configured, requests go through https.request (HTTP/1.1), not a connection of our own', async function () {
      await start('h2', {}, true);
      pool.warmUp(server.completionsUrl);
      assert.match(await readAll(await pool.send(server.completionsUrl, post())), /\[DONE\]/);
      assert.equal(server.http1Requests, 1);
      assert.equal(server.http2Sessions, 0);
      assert.deepEqual({ ...pool.stats }, { tlsConnections: 0, http2Sessions: 0, http2Requests: 0, http1Requests: 1 });
    });

    it('a certificate the client does not trust is refused (the direct way and the plain way alike)', async function () {
      server = await TlsCompletionServer.start({ protocols: 'h2' });
      pool = new ConnectionPool({ proxied: () => false });
      await assert.rejects(pool.send(server.completionsUrl, post()), (error: { code?: string }) => /CERT|SELF_SIGNED/.test(String(error.code)));
      assert.equal(server.http2Streams + server.http1Requests, 0, 'nothing was sent');
    });

    it('a refused connection rejects with ECONNREFUSED', async function () {
      await start('h2');
      const url = server.completionsUrl;
      await server.close();
      await assert.rejects(pool.send(url, post()), { code: 'ECONNREFUSED' });
    });
  });
});
