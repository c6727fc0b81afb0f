/**
 * Micro-benchmark (not a test) of a design we did not build: what the extension host's thread
 * would still pay per request if request building, post-processing and the HTTP client ran in a
 * worker thread (issue 12's remaining overhead target). It measures the hand-off, not an engine.
 *
 *   npm run compile && node out/bench/workerHandoff.bench.js [--runs 3] [--gap 40]
 *
 * Each figure is the main thread's event-loop active time (performance.eventLoopUtilization:
 * from waking up to going back to wait, so a message's dispatch is counted, not only its
 * handler) per wake, every wake `--gap` ms after the last (default 40, as between keystrokes or
 * streamed lines; 16 is a stream at 60 tokens/s):
 *  - a timer that does nothing: the floor under anything done after idling on this machine;
 *  - a timer that posts a request's context (a 6 KB prefix, a 2 KB suffix and a few fields) to
 *    the worker: what sending would cost the main thread (postMessage itself also timed alone);
 *  - a small "line" message from the worker (the shown text so far, what is still held):
 *    what each streamed line would cost it;
 *  - today's design, for scale: a token of a stream (served from the worker over loopback
 *    HTTP) read by our HTTP client on the main thread, grouped by lines (a line every 8 tokens).
 * Compare with the engine's sections in `npm run bench` (BENCH_VERBOSE=1 lists them per
 * request: the sending call and each piece), which leave out the wake and the HTTP client.
 */
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { requestCompletion } from '../src/core/client/completionClient';
import type { CompletionRequestBody } from '../src/core/client/completionTypes';
import { LineGrouping } from '../src/core/client/lineGrouping';
import { percentile } from './percentile';

const WAKES = 200;
/** Time between two wakes (`--gap`, ms). */
const GAP_MS = optionValue('--gap', 40);
const BLOCK = 'function total(items) {\n  let sum = 0;\n  for (const item of items) sum += item.price;\n  return sum;\n}\n\n';
const PREFIX = BLOCK.repeat(Math.ceil(6000 / BLOCK.length)).slice(0, 6000);
const SUFFIX = PREFIX.slice(0, 2000);
const BODY: CompletionRequestBody = { model: 'bench', prompt: PREFIX, max_tokens: 256, temperature: 0.2, top_p: 1, n: 1, stream: true };

/**
 * The worker: answers nothing to a context; on `lines`, sends one line message every `gap` ms;
 * on `serve`, starts a loopback completions server that streams `count` tokens `gap` ms apart.
 */
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const http = require('node:http');
const TEXT = 'const value = total(items);\\n  return value * 2;\\n}\\n';
function serve(count, gap) {
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      let sent = 0;
      const timer = setInterval(() => {
        const text = sent % 8 === 7 ? '\\n' : 'tok' + sent + ' ';
        res.write('data: ' + JSON.stringify({ id: 'cmpl-1', object: 'text_completion', created: 1, model: 'bench', choices: [{ text, index: 0, logprobs: null, finish_reason: null }] }) + '\\n\\n');
        if (++sent >= count) {
          clearInterval(timer);
          res.end('data: [DONE]\\n\\n');
        }
      }, gap);
    });
  });
  server.listen(0, '127.0.0.1', () => parentPort.postMessage({ port: server.address().port }));
}
parentPort.on('message', (message) => {
  if (message.cmd === 'serve') return serve(message.count, message.gap);
  if (message.cmd !== 'lines') return;
  let sent = 0;
  const timer = setInterval(() => {
    parentPort.postMessage({ requestId: 7, index: 0, shown: TEXT.slice(0, 20 + (sent % 30)), held: 'ret', enough: false, lines: sent });
    if (++sent >= message.count) {
      clearInterval(timer);
      parentPort.postMessage({ done: true });
    }
  }, message.gap);
});
`;

function optionValue(flag: string, fallback: number): number {
  const at = process.argv.indexOf(flag);
  const value = at >= 0 ? Number(process.argv[at + 1]) : NaN;
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
let kept: unknown;

/** Event-loop active µs per wake while `run` makes `wakes` wakes. */
async function activePerWake(wakes: number, run: () => Promise<void>): Promise<number> {
  const before = performance.eventLoopUtilization();
  await run();
  return (performance.eventLoopUtilization(performance.eventLoopUtilization(), before).active / wakes) * 1000;
}

/** Event-loop active µs per token of a stream our HTTP client reads today (socket, SSE, JSON, line grouping). */
async function tokenThroughClient(baseUrl: string): Promise<number> {
  let deltas = 0;
  const outcome = await activePerWake(WAKES, async () => {
    const result = await requestCompletion({ baseUrl, timeoutMs: 10_000 }, BODY, {
      onDelta: (delta) => {
        deltas++;
        kept = delta.text;
      },
      lines: new LineGrouping(),
    });
    if (!result.ok) throw new Error(`the stream failed: ${result.error.message}`);
  });
  if (deltas === 0) throw new Error('no text arrived');
  return outcome;
}

interface RunResult {
  timer: number;
  post: number;
  postCall: number;
  line: number;
  token: number;
}

async function oneRun(worker: Worker, baseUrl: string): Promise<RunResult> {
  const timer = await activePerWake(WAKES, async () => {
    for (let i = 0; i < WAKES; i++) {
      await sleep(GAP_MS);
      kept = i;
    }
  });
  const postCalls: number[] = [];
  const post = await activePerWake(WAKES, async () => {
    for (let i = 0; i < WAKES; i++) {
      await sleep(GAP_MS);
      const started = performance.now();
      const context = { cmd: 'context', prefix: PREFIX.slice(0, PREFIX.length - (i % 17)), suffix: SUFFIX, languageId: 'typescript', line: 40, character: 4 };
      worker.postMessage(context);
      postCalls.push((performance.now() - started) * 1000);
    }
  });
  let received = 0;
  const line = await activePerWake(WAKES, async () => {
    await new Promise<void>((resolve) => {
      const onMessage = (message: { done?: boolean; shown?: string }): void => {
        if (message.done) {
          worker.off('message', onMessage);
          resolve();
          return;
        }
        received++;
        kept = message.shown;
      };
      worker.on('message', onMessage);
      worker.postMessage({ cmd: 'lines', count: WAKES, gap: GAP_MS });
    });
  });
  if (received !== WAKES) throw new Error(`received ${received} line messages, expected ${WAKES}`);
  const token = await tokenThroughClient(baseUrl);
  return { timer, post, postCall: percentile(postCalls, 50), line, token };
}

async function main(): Promise<void> {
  const runs = Math.floor(optionValue('--runs', 3));
  const worker = new Worker(WORKER_SOURCE, { eval: true });
  const port = await new Promise<number>((resolve) => {
    worker.once('message', (message: { port: number }) => resolve(message.port));
    worker.postMessage({ cmd: 'serve', count: WAKES, gap: GAP_MS });
  });
  const baseUrl = `http://127.0.0.1:${port}/v1`;
  await sleep(200);
  console.log(`Main thread's event-loop active time per wake, µs (${WAKES} wakes ${GAP_MS} ms apart per figure)`);
  console.log('run | timer, nothing done | timer + post a 6 KB context (postMessage alone, p50) | a line message from the worker | a streamed token through our HTTP client');
  const results: RunResult[] = [];
  for (let run = 1; run <= runs; run++) {
    const result = await oneRun(worker, baseUrl);
    results.push(result);
    console.log(`${run}   | ${result.timer.toFixed(1)} | ${result.post.toFixed(1)} (${result.postCall.toFixed(1)}) | ${result.line.toFixed(1)} | ${result.token.toFixed(1)}`);
  }
  const median = (pick: (r: RunResult) => number): string => percentile(results.map(pick), 50).toFixed(1);
  console.log(`median | ${median((r) => r.timer)} | ${median((r) => r.post)} (${median((r) => r.postCall)}) | ${median((r) => r.line)} | ${median((r) => r.token)}`);
  if (kept === undefined) console.log('');
  await worker.terminate();
}

void main();
