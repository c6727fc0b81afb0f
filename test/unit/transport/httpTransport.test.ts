/** The node:http transport on its own: phases, backpressure, cancel, abort, no redirects. */
import * as assert from 'node:assert/strict';
import { sendHttpRequest } from '../../../src/core/transport/httpTransport';
import { OpenAiTestServer, sendJson, sendLarge, sendRedirect, waitUntil } from '../../support/openAiTestServer';

describe('httpTransport.sendHttpRequest', function () {
  let server: OpenAiTestServer;
  beforeEach(async function () {
    server = await OpenAiTestServer.start();
  });
  afterEach(async function () {
    await server.close();
  });

  const url = () => new URL(`${server.baseUrl}/completions`);

  it('sends the method, headers and body; reports connected before the headers; reads the body to the end', async function () {
    server.handle((req, res) => sendJson(res, 201, { got: req.body, auth: req.headers.authorization, length: req.headers['content-length'] }, { 'X-Multi': ['a', 'b'] }));
    const events: string[] = [];
    const response = await sendHttpRequest(url(), {
      method: 'POST',
      headers: { Authorization: 'Bearer k', 'Content-Type': 'application/json' },
      body: '{"é":1}',
      signal: new AbortController().signal,
      onConnected: () => events.push('connected'),
    });
    events.push('headers');
    assert.deepEqual(events, ['connected', 'headers']);
    assert.equal(response.status, 201);
    assert.equal(response.ok, true);
    assert.equal(response.headers.get('CONTENT-TYPE'), 'application/json');
    assert.equal(response.headers.get('x-multi'), 'a, b');
    assert.equal(response.headers.get('x-absent'), null);
    const chunks: Uint8Array[] = [];
    for (let r = await response.body.read(); !r.done; r = await response.body.read()) chunks.push(r.value);
    assert.deepEqual(JSON.parse(Buffer.concat(chunks).toString('utf8')), { got: { é: 1 }, auth: 'Bearer k', length: '8' });
    assert.deepEqual(await response.body.read(), { done: true });
  });

  it('reports connected at once on a reused keep-alive connection', async function () {
    for (let i = 0; i < 2; i++) {
      server.handle((req, res) => sendJson(res, 200, {}));
      let connected = 0;
      const response = await sendHttpRequest(url(), { method: 'POST', headers: {}, body: '', signal: new AbortController().signal, onConnected: () => connected++ });
      while (!(await response.body.read()).done);
      assert.equal(connected, 1, `request ${i}`);
    }
  });

  it('does not follow a redirect', async function () {
    server.handle((req, res) => sendRedirect(res, 307, `${server.baseUrl}/elsewhere`));
    const response = await sendHttpRequest(url(), { method: 'POST', headers: {}, body: '{}', signal: new AbortController().signal });
    assert.equal(response.status, 307);
    assert.equal(response.headers.get('location'), `${server.baseUrl}/elsewhere`);
    await response.body.cancel();
    assert.equal(server.requests.length, 1);
  });

  it('applies backpressure: an unread body stops the server writing; cancel closes the connection', async function () {
    let result: { written: number; stoppedByClient: boolean } | undefined;
    server.handle(async (req, res) => {
      result = await sendLarge(res, { contentType: 'text/plain', totalBytes: 64 * 1024 * 1024 });
    });
    const response = await sendHttpRequest(url(), { method: 'POST', headers: {}, body: '', signal: new AbortController().signal });
    const first = await response.body.read();
    assert.equal(first.done, false);
    const req = await server.waitForRequest(1);
    await response.body.cancel();
    await req.waitForClientClose(3000);
    await waitUntil(() => result !== undefined, { message: 'the writer never stopped' });
    assert.equal(result!.stoppedByClient, true);
    assert.ok(result!.written < 64 * 1024 * 1024, `wrote ${result!.written}`);
    await assert.rejects(response.body.read(), /cancelled/);
  });

  it('an abort before the headers rejects with an AbortError and closes the connection', async function () {
    server.handle((req) => req.whenResponseClosed);
    const controller = new AbortController();
    const pending = sendHttpRequest(url(), { method: 'POST', headers: {}, body: '', signal: controller.signal });
    const req = await server.waitForRequest(1);
    controller.abort();
    await assert.rejects(pending, { name: 'AbortError' });
    await req.waitForClientClose(3000);
  });

  it('an already aborted signal sends nothing', async function () {
    const controller = new AbortController();
    controller.abort();
    await assert.rejects(sendHttpRequest(url(), { method: 'POST', headers: {}, body: '', signal: controller.signal }), { name: 'AbortError' });
    assert.equal(server.requests.length, 0);
  });

  it('a refused connection rejects with ECONNREFUSED', async function () {
    const gone = await OpenAiTestServer.start();
    const target = new URL(`${gone.baseUrl}/completions`);
    await gone.close();
    await assert.rejects(sendHttpRequest(target, { method: 'POST', headers: {}, body: '', signal: new AbortController().signal }), { code: 'ECONNREFUSED' });
  });
});
