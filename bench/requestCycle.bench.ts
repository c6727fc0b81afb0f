/**
 * Micro-benchmark (not a test): the engine's overhead per ghost-text request, over many more
 * requests than the trace replay makes (15 per run), so that two builds can be compared in
 * minutes. Each sample is one request's whole life as in the editor: a few keystrokes typed
 * into a fresh engine at a pause point of a bench trace, the debounce, the request, its answer
 * streamed line by line after a first-token delay (the true continuation, cut at the request's
 * stops), its end, then an idle gap. The answer comes from memory, not over HTTP: the time
 * inside the HTTP client is not the engine's anyway (the replay reports it apart), and this
 * way nothing but the engine runs between its sections.
 *
 *   npm run compile && node out/bench/requestCycle.bench.js [--samples 120] [--gap 300] [--busy]
 *
 * Prints the median and interquartile range of the overhead per request and of its parts
 * (the sending call, the lines, the end), in µs, over all samples. `npm run bench` remains the
 * reference figure; this one is for A/B comparisons (`bench/alternateBuilds.ts` style: run the
 * two builds alternately, compare medians).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ENGINE_DEFAULTS } from '../src/core/inlineEngine/engineDefaults';
import { InlineCompletionEngine } from '../src/core/inlineEngine/inlineCompletionEngine';
import type { CompleteFn, InlineContext } from '../src/core/inlineEngine/inlineEngineTypes';
import { defaultSettings } from '../src/core/settings/settingsValidator';
import type { Trace } from './editorReplay';
import { overheads, ProfileSample } from './sectionProfile';

interface Options {
  samples: number;
  gapMs: number;
  busy: boolean;
}

/** A pause point of a trace: the text typed so far, the keys just before it, and what the user went on to write. */
interface PausePoint {
  trace: Trace;
  /** The document before each of the last keys, and after them (the pause). */
  typed: string[];
  continuation: string;
}

const FIRST_TOKEN_MS = 150;
const LINE_MS = 40;
const KEY_GAP_MS = 60;
const KEYS_BEFORE_PAUSE = 6;
const PAUSE_GAP_MS = 600;
const MAX_LINES = 6;
/** As the adapter does (and editorReplay.ts): one shared reason for the calls the editor cancels. */
const CANCELLED = Object.freeze(new Error('cancelled by the editor'));

function parseOptions(argv: string[]): Options {
  const options: Options = { samples: 120, gapMs: 300, busy: false };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--samples') options.samples = Number(argv[++i]);
    else if (argv[i] === '--gap') options.gapMs = Number(argv[++i]);
    else if (argv[i] === '--busy') options.busy = true;
    else throw new Error(`unknown option ${argv[i]}`);
  }
  return options;
}

function pausePoints(traces: Trace[]): PausePoint[] {
  const points: PausePoint[] = [];
  for (const trace of traces) {
    const docs: string[] = [''];
    for (const [, key] of trace.keys) {
      const doc = docs[docs.length - 1];
      docs.push(key === '\b' ? doc.slice(0, -1) : doc + key);
    }
    for (let i = 0; i + 1 < trace.keys.length; i++) {
      if (trace.keys[i + 1][0] - trace.keys[i][0] < PAUSE_GAP_MS) continue;
      const prefix = docs[i + 1];
      if (!trace.text.startsWith(prefix) || prefix.length === trace.text.length) continue;
      const continuation = trace.text.slice(prefix.length).split('\n').slice(0, MAX_LINES).join('\n');
      points.push({ trace, typed: docs.slice(Math.max(0, i + 1 - KEYS_BEFORE_PAUSE), i + 2), continuation });
    }
  }
  return points;
}

function quartiles(values: number[]): string {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  return `${at(0.5).toFixed(0)} (${at(0.25).toFixed(0)}–${at(0.75).toFixed(0)})`;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Answers with `continuation`, cut at the request's stops, a line at a time. */
function answering(continuation: () => string): CompleteFn {
  return async (body, signal, onDelta) => {
    let text = continuation();
    for (const stop of body.stop ?? []) if (text.includes(stop)) text = text.slice(0, text.indexOf(stop));
    await sleep(FIRST_TOKEN_MS);
    const pieces = text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
    for (const piece of pieces) {
      if (signal.aborted) return undefined;
      onDelta({ index: 0, text: piece, logprobs: [] });
      await sleep(LINE_MS);
    }
    if (signal.aborted) return undefined;
    return {
      ok: true,
      result: { id: 'cycle', model: 'bench-model', created: 0, choices: [{ index: 0, text, finishReason: 'stop', logprobs: [] }] },
      meta: { totalMs: 0, url: 'memory' },
    };
  };
}

/** One request's life; returns the profiler's samples. */
async function cycle(point: PausePoint, options: Options): Promise<ProfileSample[]> {
  const settings = defaultSettings();
  settings.model = 'bench-model';
  const samples: ProfileSample[] = [];
  let spinning = options.busy;
  const spin = (): void => {
    if (spinning) setImmediate(spin);
  };
  spin();
  let ended: () => void = () => undefined;
  const done = new Promise<void>((resolve) => (ended = resolve));
  const engine = new InlineCompletionEngine({
    settings: () => settings,
    complete: answering(() => point.continuation),
    profiler: { now: () => performance.now(), record: (phase, ms, ids) => samples.push({ phase, ms, ...ids }) },
    observer: { requestEnded: () => ended() },
  });
  let call = new AbortController();
  let context: InlineContext | undefined;
  const calls: Array<Promise<unknown>> = [];
  // As the adapter does: a suggestion that grew is asked for again, after a short wait.
  engine.onDidGrow(() => {
    const asked = context;
    if (asked) setTimeout(() => calls.push(engine.suggest({ ...asked, refresh: true }, call.signal)), ENGINE_DEFAULTS.growthRetriggerMs);
  });
  for (const prefix of point.typed) {
    call.abort(CANCELLED);
    call = new AbortController();
    context = { documentId: `file:///cycle/${point.trace.name}`, languageId: point.trace.languageId, prefix, suffix: '', explicit: false };
    calls.push(engine.suggest(context, call.signal));
    await sleep(KEY_GAP_MS);
  }
  await Promise.race([done, sleep(5000)]);
  await sleep(ENGINE_DEFAULTS.growthRetriggerMs + 20);
  await Promise.all(calls);
  engine.dispose();
  spinning = false;
  return samples;
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const dir = path.resolve(__dirname, '..', '..', 'bench', 'traces');
  const traces: Trace[] = ['go', 'python', 'typescript'].map((name) => JSON.parse(fs.readFileSync(path.join(dir, `${name}.json`), 'utf8')));
  const points = pausePoints(traces);
  // As after the editor has run for a while: a few rounds first, not counted.
  for (let i = 0; i < points.length; i++) await cycle(points[i], { ...options, busy: false });
  const perRequest: number[] = [];
  const call: number[] = [];
  const lines: number[] = [];
  const end: number[] = [];
  for (let i = 0; i < options.samples; i++) {
    await sleep(options.gapMs);
    const { parts, byRequest } = overheads(await cycle(points[i % points.length], options));
    for (const [id, total] of byRequest) {
      const part = parts.get(id);
      if (!part) continue;
      perRequest.push(total * 1000);
      call.push(part.call * 1000);
      lines.push(part.deltaMs * 1000);
      end.push(part.end * 1000);
    }
  }
  console.log(`${perRequest.length} requests at ${points.length} pause points of the bench traces, ${options.gapMs} ms apart${options.busy ? ', main thread kept busy' : ''}; median (p25–p75) µs`);
  console.log(`  overhead per request      ${quartiles(perRequest)}`);
  console.log(`  its sending call          ${quartiles(call)}`);
  console.log(`  its lines                 ${quartiles(lines)}`);
  console.log(`  its end                   ${quartiles(end)}`);
}

void main();
