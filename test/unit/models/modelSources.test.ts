import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import { AddressInfo } from 'node:net';
import { fetchJson } from '../../../src/core/models/fetchJson';
import { COMET_CATALOG_URL, cometCatalogUrl, loadModels, modelsUrl } from '../../../src/core/models/modelSources';

type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

/** A loopback server whose behaviour each test sets through `handle`. */
function startServer(): Promise<{ base: string; handle: (h: Handler) => void; seen: http.IncomingMessage[]; close: () => Promise<void> }> {
  let handler: Handler = (_req, res) => res.end('{}');
  const seen: http.IncomingMessage[] = [];
  const server = http.createServer((req, res) => {
    seen.push(req);
    handler(req, res);
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        base: `http://127.0.0.1:${port}`,
        handle: (h) => (handler = h),
        seen,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}

function json(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(body));
}

const KEY = 'sk-test-0123456789-secret';

describe('model sources', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  beforeEach(async () => (server = await startServer()));
  afterEach(async () => server.close());

  it('builds {baseUrl}/models and knows the CometAPI catalog only for api.cometapi.com', () => {
    assert.equal(modelsUrl('https://api.cometapi.com/v1/'), 'https://api.cometapi.com/v1/models');
    assert.equal(modelsUrl('http://127.0.0.1:8080/v1'), 'http://127.0.0.1:8080/v1/models');
    assert.equal(modelsUrl('not a url'), undefined);
    assert.equal(cometCatalogUrl('https://api.cometapi.com/v1'), COMET_CATALOG_URL);
    assert.equal(cometCatalogUrl('https://API.CometAPI.com/v1'), COMET_CATALOG_URL);
    assert.equal(cometCatalogUrl('http://127.0.0.1:8080/v1'), undefined);
    assert.equal(cometCatalogUrl('https://evil.example/api.cometapi.com'), undefined);
  });

  it('lists /models with the key as Bearer and the catalog without it, merged', async () => {
    server.handle((req, res) => {
      if (req.url === '/v1/models') json(res, 200, { object: 'list', data: [{ id: 'gpt-4o', owned_by: 'openai' }, { id: 'gpt-3.5-turbo-instruct', owned_by: 'openai' }] });
      else if (req.url === '/api/models') json(res, 200, { data: [{ id: 'gpt-3.5-turbo-instruct', provider: 'OpenAI', pricing: { input: 1.5, output: 2 } }, { id: 'other' }] });
      else json(res, 404, {});
    });
    const loaded = await loadModels({ baseUrl: `${server.base}/v1`, apiKey: KEY, timeoutMs: 2000, catalogUrl: `${server.base}/api/models` });
    assert.deepEqual(loaded.problems, []);
    assert.equal(loaded.endpointListed, true);
    assert.deepEqual(loaded.models.map((m) => [m.id, m.provider, m.price?.inputPerMTok]), [
      ['gpt-4o', 'openai', undefined],
      ['gpt-3.5-turbo-instruct', 'OpenAI', 1.5],
    ]);
    const list = server.seen.find((r) => r.url === '/v1/models')!;
    const catalog = server.seen.find((r) => r.url === '/api/models')!;
    assert.equal(list.method, 'GET');
    assert.equal(list.headers.authorization, `Bearer ${KEY}`);
    assert.equal(catalog.headers.authorization, undefined);
  });

  it('asks no catalog for other hosts and sends no Authorization without a key', async () => {
    server.handle((_req, res) => json(res, 200, { data: [{ id: 'local.gguf', owned_by: 'llamacpp' }] }));
    const loaded = await loadModels({ baseUrl: `${server.base}/v1`, timeoutMs: 2000 });
    assert.deepEqual(loaded.models.map((m) => m.id), ['local.gguf']);
    assert.equal(server.seen.length, 1);
    assert.equal(server.seen[0].headers.authorization, undefined);
  });

  it('on 401 reports the refusal without the key, and still offers the catalog', async () => {
    server.handle((req, res) => {
      if (req.url === '/v1/models') json(res, 401, { error: { message: `Invalid token: Bearer ${KEY}`, type: 'invalid_request_error' } });
      else json(res, 200, [{ id: 'from-catalog' }]);
    });
    const loaded = await loadModels({ baseUrl: `${server.base}/v1`, apiKey: KEY, timeoutMs: 2000, catalogUrl: `${server.base}/api/models` });
    assert.equal(loaded.authFailed, true);
    assert.equal(loaded.endpointListed, false);
    assert.deepEqual(loaded.models.map((m) => m.id), ['from-catalog']);
    assert.equal(loaded.problems.length, 1);
    assert.match(loaded.problems[0], /rejected the API key \(401\)/);
    assert.ok(!loaded.problems[0].includes(KEY), loaded.problems[0]);
    assert.ok(!loaded.problems[0].includes('0123456789'), loaded.problems[0]);
  });

  it('reports bad JSON and non-list JSON from either source', async () => {
    server.handle((req, res) => {
      if (req.url === '/v1/models') {
        res.writeHead(200, { 'Content-Type': 'text/html' });
        res.end('<html>login</html>');
      } else json(res, 200, { hello: 'world' });
    });
    const loaded = await loadModels({ baseUrl: `${server.base}/v1`, timeoutMs: 2000, catalogUrl: `${server.base}/api/models` });
    assert.deepEqual(loaded.models, []);
    assert.equal(loaded.problems.length, 2);
    assert.match(loaded.problems[0], /did not answer with JSON/);
    assert.match(loaded.problems[1], /^Catalog: .*not a list of models/);
  });

  it('reports a refused connection', async () => {
    const base = server.base;
    await server.close();
    const loaded = await loadModels({ baseUrl: `${base}/v1`, apiKey: KEY, timeoutMs: 2000, catalogUrl: null });
    assert.deepEqual(loaded.models, []);
    assert.match(loaded.problems[0], /Could not reach GET http:\/\/127\.0\.0\.1:\d+\/v1\/models: the connection was refused/);
    server = await startServer();
  });

  it('times out a silent server and can be aborted', async () => {
    server.handle(() => undefined); // never answers
    const timedOut = await fetchJson(`${server.base}/v1/models`, { timeoutMs: 100 });
    assert.equal(timedOut.ok, false);
    assert.equal(!timedOut.ok && timedOut.failure, 'timeout');
    assert.match(!timedOut.ok ? timedOut.reason : '', /No answer from GET .* within 0\.1 s/);

    const controller = new AbortController();
    const pending = fetchJson(`${server.base}/v1/models`, { timeoutMs: 5000, signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    const aborted = await pending;
    assert.equal(!aborted.ok && aborted.failure, 'aborted');
    const loaded = await loadModels({ baseUrl: `${server.base}/v1`, timeoutMs: 5000, catalogUrl: null }, AbortSignal.abort());
    assert.equal(loaded.aborted, true);
  });

  it('does not follow a redirect with the key, and names the HTTP status of other failures', async () => {
    server.handle((req, res) => {
      if (req.url === '/v1/models') {
        res.writeHead(302, { Location: 'http://127.0.0.1:1/steal' });
        res.end();
      } else json(res, 500, { error: { message: 'boom' } });
    });
    const redirected = await fetchJson(`${server.base}/v1/models`, { apiKey: KEY, timeoutMs: 2000 });
    assert.match(!redirected.ok ? redirected.reason : '', /redirects \(302\) to http:\/\/127\.0\.0\.1:1\/steal; the key is not sent there/);
    const failed = await fetchJson(`${server.base}/other`, { timeoutMs: 2000 });
    assert.equal(!failed.ok && failed.status, 500);
    assert.match(!failed.ok ? failed.reason : '', /answered 500: boom\.$/);
  });
});
