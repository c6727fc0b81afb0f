/**
 * The llama-server profile sends what the real server sent in the recorded captures
 * (`test/support/captures/llama-server/`): the same chunk fields, the `Server` header,
 * chat-shape logprobs, one final chunk per choice, and the `n` range error word for word.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as http from 'node:http';
import { OpenAiTestServer } from '../../support/openAiTestServer';
import { installProfile, PROFILES } from '../../support/profiles/serverProfiles';

function captureDir(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'test', 'support', 'captures', 'llama-server');
    if (fs.existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir) throw new Error('captures not found');
  }
}

/** The `data: {…}` events of a capture (or of a response body), parsed. */
function events(text: string): Array<Record<string, unknown>> {
  return text
    .split('\n')
    .filter((line) => line.startsWith('data: {'))
    .map((line) => JSON.parse(line.slice(6)) as Record<string, unknown>);
}

function keysOf(objects: Array<Record<string, unknown>>): string[] {
  return [...new Set(objects.flatMap((o) => Object.keys(o)))].sort();
}

async function post(server: OpenAiTestServer, body: unknown): Promise<{ status: number; headers: http.IncomingHttpHeaders; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${server.baseUrl}/completions`, { method: 'POST', headers: { 'Content-Type': 'application/json' } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
    });
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

describe('llama-server profile vs the recorded captures', () => {
  let server: OpenAiTestServer;
  before(async () => {
    server = await OpenAiTestServer.start();
    installProfile(server, PROFILES['llama-server']);
  });
  after(async () => server.close());

  it('stream chunks carry the captured fields (chatcmpl- id, system_fingerprint, timings, usage at the end) and the Server header', async () => {
    const captured = events(fs.readFileSync(path.join(captureDir(), '02-seed-stream.txt'), 'utf8'));
    const answer = await post(server, { model: 'm', prompt: 'Say this is a test', max_tokens: 7, stream: true });
    const sent = events(answer.text);
    assert.equal(answer.headers.server, 'llama.cpp');
    assert.deepEqual(keysOf(sent), keysOf(captured));
    assert.ok(sent.every((e) => String(e.id).startsWith('chatcmpl-')));
    const last = sent[sent.length - 1] as { choices: Array<{ text: string; finish_reason: string }>; usage?: unknown };
    assert.deepEqual([last.choices[0].text, last.choices[0].finish_reason, last.usage !== undefined], ['', 'stop', true]);
    assert.ok(answer.text.trimEnd().endsWith('data: [DONE]'));
  });

  it('logprobs come in the captured chat shape', async () => {
    const captured = events(fs.readFileSync(path.join(captureDir(), '06-logprobs3-stream.txt'), 'utf8'));
    const answer = await post(server, { model: 'm', prompt: 'Say this is a test', max_tokens: 2, logprobs: 3, stream: true });
    const shape = (e: Record<string, unknown>) => {
      const lp = (e.choices as Array<{ logprobs: { content?: Array<Record<string, unknown>> } | null }>)[0].logprobs;
      return lp?.content ? Object.keys(lp.content[0]).sort() : null;
    };
    assert.deepEqual(shape(events(answer.text)[0]), shape(captured[0]));
  });

  it('n above --parallel: the captured 400, word for word', async () => {
    const capture = fs.readFileSync(path.join(captureDir(), '26b-n5.txt'), 'utf8');
    const capturedBody = capture.split('\n').find((line) => line.startsWith('{"error"'));
    const answer = await post(server, { model: 'm', prompt: 'Say this is a test', n: 5, max_tokens: 2 });
    assert.equal(answer.status, 400);
    assert.deepEqual(JSON.parse(answer.text), JSON.parse(capturedBody ?? '{}'));
  });
});
