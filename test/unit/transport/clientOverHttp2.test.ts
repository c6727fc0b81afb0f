/** The completion client on a pool over TLS: streamed completions over HTTP/2, an abort that keeps the connection. */
import * as assert from 'node:assert/strict';
import { requestCompletion } from '../../../src/core/client/completionClient';
import { ConnectionPool } from '../../../src/core/transport/connectionPool';
import { waitUntil } from '../../support/openAiTestServer';
import { TlsCompletionServer } from '../../support/tlsCompletionServer';
import { TEST_TLS_CERT } from '../../support/tlsTestCertificate';

const BODY = { model: 'm', prompt: 'def f(', max_tokens: 16, temperature: 0, top_p: 1, n: 1, stream: true };

describe('completion client over HTTP/2 (TLS, loopback)', function () {
  let server: TlsCompletionServer;
  let pool: ConnectionPool;
  afterEach(async function () {
    pool.close();
    await server.close();
  });

  it('streams completions as HTTP/2 streams on one connection; an abort resets the stream and the next request reuses the connection', async function () {
    server = await TlsCompletionServer.start({ protocols: 'h2', pieces: ['a', 'b', 'c', ...Array.from({ length: 100 }, () => 'x')], pieceDelayMs: 5 });
    pool = new ConnectionPool({ ca: TEST_TLS_CERT, proxied: () => false });
    const config = { baseUrl: server.baseUrl, apiKey: 'k', timeoutMs: 5000, connections: pool };

    const controller = new AbortController();
    const aborted = await requestCompletion(config, BODY, { signal: controller.signal, onDelta: (d) => d.text === 'b' && controller.abort() });
    assert.equal(aborted.ok, false);
    assert.equal(aborted.ok ? '' : aborted.error.kind, 'aborted');
    await waitUntil(() => server.resetStreams === 1, { message: 'the stream was not reset' });

    const done = await requestCompletion({ ...config }, { ...BODY, max_tokens: 2 });
    assert.ok(done.ok, done.ok ? '' : done.error.message);
    assert.ok(done.result.choices[0].text.startsWith('abc'));
    assert.equal(server.tlsConnections, 1, 'one TLS handshake for both requests');
    assert.equal(server.http2Streams, 2);
    assert.equal(server.http1Requests, 0);
  });
});
