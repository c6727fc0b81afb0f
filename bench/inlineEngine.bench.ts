/**
 * Ghost-text benchmark (not a test): replays typing traces (bench/traces/, made by
 * bench/makeTraces.ts) against the engine and two baselines, each talking HTTP to a loopback
 * model server with a scripted time to first token and token rate (bench/benchModel.ts), in an
 * editor simulation that calls them as VS Code does (bench/editorReplay.ts), and prints what
 * each spent and how fast ghost text showed.
 *
 *   npm run bench [-- --ttft 180 --tps 60 --accuracy 0.6 --sequential --only engine --clock wall|cpu]
 *   npm run bench -- --rtt 0,50,150 [--protocol h2|h1]   (over a TLS network, see benchNetwork.ts)
 *   npm run bench -- --repeat 5 --only engine            (overhead figures: median and range over runs)
 *   BENCH_VERBOSE=1 npm run bench     (also one line per request)
 *
 * All runs share one process and the real clock; by default they run concurrently (one model
 * server each). `--sequential` runs them one by one (slower, quieter event loop).
 */
import * as fs from 'node:fs';
import * as inspector from 'node:inspector';
import * as path from 'node:path';
import { requestCompletion } from '../src/core/client/completionClient';
import { ENGINE_DEFAULTS, EngineDefaults } from '../src/core/inlineEngine/engineDefaults';
import { InlineCompletionEngine } from '../src/core/inlineEngine/inlineCompletionEngine';
import type { CompleteFn, EngineProfiler, InlineContext, InlineEngineObserver, StreamEnd } from '../src/core/inlineEngine/inlineEngineTypes';
import { CometSettings } from '../src/core/settings/cometSettings';
import { defaultSettings } from '../src/core/settings/settingsValidator';
import { ConnectionPool } from '../src/core/transport/connectionPool';
import { TEST_TLS_CERT } from '../test/support/tlsTestCertificate';
import { BaselineProvider, OneInFlightProvider } from './baselines';
import { BenchNetwork, EdgeProtocols } from './benchNetwork';
import { firstPauseText, NetworkFacts, networkReport, overheadRepeatReport } from './networkReport';
import { BenchModel, ModelOptions, tokenize } from './benchModel';
import { GhostProvider, replay, Replay, Trace } from './editorReplay';
import { overheads, ProfileSample, RequestParts } from './sectionProfile';
import { percentileOf } from './percentile';

/** A gap between keys at least this long is a pause: the user waits, ghost text should show. */
const PAUSE_MS = 600;
const TRACES = ['typescript', 'python', 'go'];

export type VariantName = 'engine' | 'noDebounce' | 'fixedDebounce' | 'llamaLike';
export const VARIANTS: Record<VariantName, string> = {
  engine: 'Comet engine',
  noDebounce: 'baseline: no debounce, no cache',
  fixedDebounce: 'baseline: 350 ms debounce, no reuse',
  llamaLike: 'baseline: llama.vscode-like (no debounce, one in flight, no abort, not streamed)',
};

interface Options {
  model: ModelOptions;
  sequential: boolean;
  /** What the overhead figures count: the main thread's wall time in our sections (default), or the process's CPU time. */
  clock: 'wall' | 'cpu';
  only?: VariantName;
  /** Round-trip times to run over a TLS network (none: plain loopback HTTP, as before). */
  rtts?: number[];
  protocol: EdgeProtocols;
  /** Whole runs to repeat (overhead figures: median and range). */
  repeat: number;
  /**
   * Keep the main thread from going idle during the replay (an event loop that never blocks), so
   * the overhead figures measure the engine's own work, not this VM's cost of waking an idle CPU
   * (see idleWakeCost.bench.ts).
   */
  busy?: boolean;
  /** Engine tunables to override (`--engine lineStartLikelihood=0.6`), to measure what each strategy buys. */
  engine: Partial<Record<keyof EngineDefaults, number>>;
}

function parseOptions(argv: string[]): Options {
  const options: Options = { model: { ttftMs: 180, tokensPerSecond: 60, accuracy: 0.6 }, sequential: false, clock: 'wall', protocol: 'h2', repeat: 1, engine: {} };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = (): number => Number(argv[++i]);
    if (flag === '--ttft') options.model.ttftMs = value();
    else if (flag === '--tps') options.model.tokensPerSecond = value();
    else if (flag === '--accuracy') options.model.accuracy = value();
    else if (flag === '--sequential') options.sequential = true;
    else if (flag === '--busy') options.busy = true;
    else if (flag === '--clock') {
      const clock = argv[++i];
      if (clock !== 'wall' && clock !== 'cpu') throw new Error(`--clock takes wall or cpu, not ${clock}`);
      options.clock = clock;
    }
    else if (flag === '--only') options.only = argv[++i] as VariantName;
    else if (flag === '--rtt') options.rtts = argv[++i].split(',').map(Number);
    else if (flag === '--protocol') options.protocol = argv[++i] === 'h1' ? 'h1' : 'h2';
    else if (flag === '--repeat') options.repeat = Math.max(1, value());
    else if (flag === '--engine') {
      for (const pair of argv[++i].split(',')) {
        const [name, raw] = pair.split('=');
        if (!(name in ENGINE_DEFAULTS) || !Number.isFinite(Number(raw))) throw new Error(`--engine takes name=number pairs of ENGINE_DEFAULTS, not ${pair}`);
        options.engine[name as keyof EngineDefaults] = Number(raw);
      }
    }
    else throw new Error(`unknown option ${flag}`);
  }
  return options;
}

export interface RunResult {
  variant: VariantName;
  trace: string;
  keys: number;
  pauses: number;
  requests: number;
  requestsWhileTypingThrough: number;
  aborted: number;
  stoppedEarly: number;
  tokensGenerated: number;
  tokensShown: number;
  cacheHits: number;
  streamReuses: number;
  /** Pause → ghost text, ms (0 when a suggestion was already showing). */
  pauseLatency: number[];
  /** The same minus the server's own time to the first line, when a request made it show. */
  pauseLatencyNet: number[];
  pausesWithout: number;
  /**
   * The trace's first pause (each trace is a fresh session): pause → ghost text and the same minus
   * the server's first line, ms; null when it showed nothing.
   */
  firstPause: { latency: number; net: number } | null;
  /** Pause → ghost minus the server's first line, for the pauses at which nothing was showing yet. */
  coldPauseNet: number[];
  /** Shown time minus the server's first-line time, for every request whose answer was shown. */
  lagAfterFirstLine: number[];
  overheadPerRequest: number[];
  overheadPerCall: number[];
  sendPerRequest: number[];
  /** Over a network: per pause whose ghost text came from a request, how long that request waited for a connection. */
  setupMs: number[];
  network?: NetworkFacts;
}

async function runOne(variant: VariantName, trace: Trace, options: Options, rtt?: number): Promise<RunResult> {
  const now = (): number => performance.now();
  const model = await BenchModel.start(trace.text, options.model, now);
  const network = rtt === undefined ? undefined : await BenchNetwork.start(rtt, options.protocol, model.baseUrl);
  const baseUrl = network?.baseUrl ?? model.baseUrl;
  const connectMs = new Map<string, number>();
  const pool = network
    ? new ConnectionPool({ ca: TEST_TLS_CERT, proxied: () => false, onConnected: (r) => connectMs.set(r.headers['User-Agent'] ?? '', r.connectMs) })
    : undefined;
  const settings: CometSettings = defaultSettings();
  settings.baseUrl = baseUrl;
  settings.model = 'bench-model';

  let shownNow = '';
  let tagForNextSend: number | undefined;
  const started = new Map<number, { whileTypingThrough: boolean }>();
  const ended = new Map<number, StreamEnd>();
  const observer: InlineEngineObserver = {
    requestStarted: (event) => {
      tagForNextSend = event.requestId;
      started.set(event.requestId, { whileTypingThrough: shownNow !== '' });
    },
    requestEnded: (event) => ended.set(event.requestId, event.end),
  };
  const complete: CompleteFn = (body, signal, onDelta, lines) => {
    const tag = tagForNextSend;
    tagForNextSend = undefined;
    return requestCompletion({ baseUrl, timeoutMs: 30_000, userAgent: `bench/${tag}`, connections: pool }, body, { signal, onDelta, lines });
  };
  const samples: ProfileSample[] = [];
  const profiler: EngineProfiler = { now: options.clock === 'cpu' ? cpuNow : wallNow, record: (phase, ms, ids) => samples.push({ phase, ms, ...ids }) };

  let provider: GhostProvider;
  if (variant === 'engine') {
    const completionsUrl = new URL(`${baseUrl}/completions`);
    const warmUp = pool ? () => pool.warmUp(completionsUrl) : undefined;
    const engine = new InlineCompletionEngine({ settings: () => settings, complete, observer, profiler, warmUp, options: options.engine });
    provider = {
      suggest: (context, signal) => engine.suggest(context, signal),
      onDidGrow: (listener) => engine.onDidGrow(listener),
      windowBefore: engine.windowChars(settings).before,
      dispose: () => engine.dispose(),
    };
  } else if (variant === 'llamaLike') {
    provider = new OneInFlightProvider(() => settings, complete, observer, settings.inline.maxPrefixChars + 1);
  } else {
    const debounce = variant === 'fixedDebounce' ? 350 : 0;
    provider = new BaselineProvider(() => settings, complete, debounce, observer, settings.inline.maxPrefixChars + 1);
  }

  const run: Replay = await replay(trace, provider, {
    documentId: `file:///bench/${trace.name}`,
    growthRetriggerMs: ENGINE_DEFAULTS.growthRetriggerMs,
    tailMs: 3000,
    now,
    onShownChange: (change) => (shownNow = change.text),
  });
  provider.dispose();
  await new Promise((resolve) => setTimeout(resolve, 100 + (rtt ?? 0)));
  const facts: NetworkFacts | undefined = network && {
    rttMs: rtt ?? 0,
    handshakes: network.edge.handshakes,
    edgeRequests: network.edge.requests,
    http2Requests: network.edge.http2Requests,
    stoppedResponses: network.edge.stoppedResponses,
  };
  pool?.close();
  await network?.close();
  await model.close();
  if (process.env.BENCH_VERBOSE) {
    const { byRequest, parts } = overheads(samples);
    printRequests(variant, trace, run, model, ended, byRequest, parts);
  }
  const result = summarize(variant, trace, run, model, started, ended, samples, (id) => connectMs.get(`bench/${id}`));
  result.network = facts;
  return result;
}

/** BENCH_VERBOSE=1: one line per request — when it left, how long the user paused, how it ended, what the model said. */
function printRequests(
  variant: VariantName,
  trace: Trace,
  run: Replay,
  model: BenchModel,
  ended: Map<number, StreamEnd>,
  overhead: Map<number, number>,
  parts: Map<number, RequestParts>,
): void {
  for (const served of model.served) {
    const id = Number(served.tag.replace('bench/', ''));
    const index = run.keys.filter((key) => key.at <= served.receivedAt).length - 1;
    const key = run.keys[index];
    const next = run.keys[index + 1];
    const doc = trace.keys.slice(0, index + 1).reduce((text, [, k]) => (k === '\b' ? text.slice(0, -1) : text + k), '');
    const shown = run.shown.some((change) => change.requestId === id && change.text !== '');
    const said = (served.generated[0] ?? []).map((token) => token.text).join('');
    const extent = Math.max(0, ...run.shown.filter((change) => change.requestId === id).map((change) => change.covered ?? 0));
    const tokensShown = (served.generated[0] ?? []).filter((token) => token.start < extent).length;
    console.log(
      `${variant} ${trace.name} #${id}: ${key ? Math.round(served.receivedAt - key.at) : '?'} ms after the key ` +
        `(pause ${next && key ? Math.round(next.at - key.at) : '-'} ms), ${ended.get(id)}, shown ${shown}, ` +
        `overhead ${overhead.has(id) ? overhead.get(id)!.toFixed(3) + ' ms' : 'n/a'} (${describeParts(parts.get(id))}), tokens ${served.generated[0]?.length ?? 0} (shown ${tokensShown}), ` +
        `line ${JSON.stringify(doc.slice(doc.lastIndexOf('\n') + 1))}, said ${JSON.stringify(said)}`,
    );
  }
}

function describeParts(parts: RequestParts | undefined): string {
  if (!parts) return 'no sections';
  return `sending call ${parts.call.toFixed(3)} [${parts.callSections.map((ms) => ms.toFixed(3)).join(' + ')}], ${parts.deltas} pieces ${parts.deltaMs.toFixed(3)}, end ${parts.end.toFixed(3)}`;
}

/**
 * The profiler's default clock: wall time. The engine's sections are synchronous, so their
 * wall time is how long they hold the extension host's only thread — the delay the user and
 * every other extension feel.
 */
function wallNow(): number {
  return performance.now();
}

/**
 * The other clock (`--clock cpu`): this process's CPU time (user + system) in ms, so that the overhead
 * figures count the work done in our code and not the time the machine gave to others
 * meanwhile. (It includes V8's helper threads if they run during a section.)
 */
function cpuNow(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

function summarize(
  variant: VariantName,
  trace: Trace,
  run: Replay,
  model: BenchModel,
  started: Map<number, { whileTypingThrough: boolean }>,
  ended: Map<number, StreamEnd>,
  samples: ProfileSample[],
  connectMsOf: (requestId: number) => number | undefined,
): RunResult {
  const { perRequest, perCall, send } = overheads(samples);
  const servedById = new Map(model.served.map((served) => [Number(served.tag.replace('bench/', '')), served]));
  // Tokens shown: per request, the tokens of choice 0 that start inside what was ever shown of it.
  const covered = new Map<number, number>();
  for (const change of run.shown) {
    if (change.requestId === undefined || change.covered === undefined) continue;
    covered.set(change.requestId, Math.max(covered.get(change.requestId) ?? 0, change.covered));
  }
  let tokensGenerated = 0;
  let tokensShown = 0;
  for (const [id, served] of servedById) {
    tokensGenerated += served.generated.reduce((sum, tokens) => sum + tokens.length, 0);
    const extent = covered.get(id) ?? 0;
    tokensShown += (served.generated[0] ?? []).filter((token) => token.start < extent).length;
  }

  const pauseLatency: number[] = [];
  const pauseLatencyNet: number[] = [];
  const setupMs: number[] = [];
  const coldPauseNet: number[] = [];
  let firstPause: RunResult['firstPause'] | undefined;
  let pauses = 0;
  let pausesWithout = 0;
  for (let i = 0; i + 1 < run.keys.length; i++) {
    const from = run.keys[i].at;
    const to = run.keys[i + 1].at;
    if (to - from < PAUSE_MS) continue;
    pauses++;
    const before = run.shown.filter((change) => change.at <= from).pop();
    if (before && before.text !== '') {
      pauseLatency.push(0);
      pauseLatencyNet.push(0);
      firstPause ??= { latency: 0, net: 0 };
      continue;
    }
    const appeared = run.shown.find((change) => change.at > from && change.at < to && change.text !== '');
    if (!appeared) {
      pausesWithout++;
      firstPause ??= null;
      continue;
    }
    const latency = appeared.at - from;
    pauseLatency.push(latency);
    if (appeared.source !== 'cache' && appeared.requestId !== undefined) setupMs.push(connectMsOf(appeared.requestId) ?? 0);
    const served = appeared.source === 'request' && appeared.requestId !== undefined ? servedById.get(appeared.requestId) : undefined;
    const net = served?.firstLineAt !== undefined ? latency - (served.firstLineAt - served.receivedAt) : latency;
    pauseLatencyNet.push(net);
    coldPauseNet.push(net);
    firstPause ??= { latency, net };
  }

  const lagAfterFirstLine: number[] = [];
  const seen = new Set<number>();
  for (const change of run.shown) {
    if (change.source !== 'request' || change.requestId === undefined || seen.has(change.requestId)) continue;
    seen.add(change.requestId);
    const served = servedById.get(change.requestId);
    if (served?.firstLineAt !== undefined) lagAfterFirstLine.push(change.at - served.firstLineAt);
  }

  const ends = [...ended.values()];
  return {
    variant,
    trace: trace.name,
    keys: run.keys.length,
    pauses,
    requests: started.size,
    requestsWhileTypingThrough: [...started.values()].filter((s) => s.whileTypingThrough).length,
    aborted: ends.filter((end) => end === 'aborted').length,
    stoppedEarly: ends.filter((end) => end === 'stoppedEarly').length,
    tokensGenerated,
    tokensShown,
    cacheHits: run.results.filter((r) => r.source === 'cache').length,
    streamReuses: run.results.filter((r) => r.source === 'stream').length,
    pauseLatency,
    pauseLatencyNet,
    pausesWithout,
    firstPause: firstPause ?? null,
    coldPauseNet,
    lagAfterFirstLine,
    overheadPerRequest: perRequest,
    overheadPerCall: perCall,
    sendPerRequest: send,
    setupMs,
  };
}

function ms(value: number | undefined, digits = 0): string {
  return value === undefined ? '–' : value.toFixed(digits);
}

function total(results: RunResult[], pick: (r: RunResult) => number): number {
  return results.reduce((sum, r) => sum + pick(r), 0);
}

function all(results: RunResult[], pick: (r: RunResult) => number[]): number[] {
  return results.flatMap(pick);
}

function table(rows: string[][]): string {
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  const line = (row: string[]) => `| ${row.map((cell, i) => cell.padEnd(widths[i])).join(' | ')} |`;
  return [line(rows[0]), `| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`, ...rows.slice(1).map(line)].join('\n');
}

function report(results: RunResult[], options: Options): string {
  const variants = (Object.keys(VARIANTS) as VariantName[]).filter((v) => results.some((r) => r.variant === v));
  const out: string[] = [];
  const keys = total(results.filter((r) => r.variant === variants[0]), (r) => r.keys);
  const pauses = total(results.filter((r) => r.variant === variants[0]), (r) => r.pauses);
  out.push(
    `Traces: ${TRACES.join(', ')} (${keys} keystrokes, ${pauses} pauses ≥ ${PAUSE_MS} ms). Model: time to first token ` +
      `${options.model.ttftMs} ms, ${options.model.tokensPerSecond} tokens/s, right ${Math.round(options.model.accuracy * 100)} % of the time. ` +
      `Overhead clock: ${options.clock === 'wall' ? 'wall time of the engine\'s synchronous sections' : 'process CPU time'}.`,
    '',
  );
  const rows: string[][] = [
    [
      'Variant',
      'Requests',
      'Aborted',
      'Stopped early',
      'Tokens generated / shown',
      'Never shown',
      'Cache hits',
      'Stream reuses',
      'Pause→ghost p50/p95 ms',
      'minus server first line p50/p95 ms',
      'Lag after server first line p50/p95 ms',
      'Nothing showing: pause→ghost minus first line p50/p95 ms',
      'Overhead/request p50/p99 ms',
    ],
  ];
  for (const variant of variants) {
    const mine = results.filter((r) => r.variant === variant);
    const generated = total(mine, (r) => r.tokensGenerated);
    const shown = total(mine, (r) => r.tokensShown);
    const net = all(mine, (r) => r.pauseLatencyNet);
    const latency = all(mine, (r) => r.pauseLatency);
    const lag = all(mine, (r) => r.lagAfterFirstLine);
    const overhead = all(mine, (r) => r.overheadPerRequest);
    rows.push([
      VARIANTS[variant],
      String(total(mine, (r) => r.requests)),
      String(total(mine, (r) => r.aborted)),
      String(total(mine, (r) => r.stoppedEarly)),
      `${generated} / ${shown}`,
      generated === 0 ? '–' : `${(((generated - shown) / generated) * 100).toFixed(1)} %`,
      String(total(mine, (r) => r.cacheHits)),
      String(total(mine, (r) => r.streamReuses)),
      `${ms(percentileOf(latency, 50))} / ${ms(percentileOf(latency, 95))}`,
      `${ms(percentileOf(net, 50))} / ${ms(percentileOf(net, 95))}`,
      `${ms(percentileOf(lag, 50), 1)} / ${ms(percentileOf(lag, 95), 1)}`,
      `${ms(percentileOf(all(mine, (r) => r.coldPauseNet), 50))} / ${ms(percentileOf(all(mine, (r) => r.coldPauseNet), 95))}`,
      variant === 'engine' ? `${ms(percentileOf(overhead, 50), 2)} / ${ms(percentileOf(overhead, 99), 2)}` : 'n/a',
    ]);
  }
  out.push(table(rows), '');

  const perTrace: string[][] = [
    ['Variant', 'Trace', 'Pauses', 'Requests', '… while typing through', 'Pauses without ghost text', 'First pause→ghost (minus first line) ms'],
  ];
  for (const r of results) {
    perTrace.push([
      VARIANTS[r.variant],
      r.trace,
      String(r.pauses),
      String(r.requests),
      String(r.requestsWhileTypingThrough),
      String(r.pausesWithout),
      firstPauseText(r.firstPause),
    ]);
  }
  out.push(table(perTrace), '');

  const engine = results.filter((r) => r.variant === 'engine');
  if (engine.length > 0) {
    const generated = total(engine, (r) => r.tokensGenerated);
    const neverShown = generated === 0 ? 0 : (generated - total(engine, (r) => r.tokensShown)) / generated;
    const overhead = all(engine, (r) => r.overheadPerRequest);
    const lag = all(engine, (r) => r.lagAfterFirstLine);
    const perCall = all(engine, (r) => r.overheadPerCall);
    const send = all(engine, (r) => r.sendPerRequest);
    const check = (ok: boolean) => (ok ? 'met' : 'MISSED');
    out.push(
      'Targets for the engine:',
      `- requests ≤ pauses + 1 in every trace: ${check(engine.every((r) => r.requests <= r.pauses + 1))} ` +
        `(${engine.map((r) => `${r.trace} ${r.requests} ≤ ${r.pauses + 1}`).join(', ')})`,
      `- no request while typing through a matching suggestion: ${check(total(engine, (r) => r.requestsWhileTypingThrough) === 0)}`,
      `- ≤ 10 % of generated tokens never shown: ${check(neverShown <= 0.1)} (${(neverShown * 100).toFixed(1)} %)`,
      `- overhead per request p50 ≤ 0.5 ms and p99 ≤ 2 ms: ${check((percentileOf(overhead, 50) ?? 0) <= 0.5 && (percentileOf(overhead, 99) ?? 0) <= 2)} ` +
        `(${ms(percentileOf(overhead, 50), 3)} / ${ms(percentileOf(overhead, 99), 3)} ms; per keystroke call p50/p99 ` +
        `${ms(percentileOf(perCall, 50), 3)} / ${ms(percentileOf(perCall, 99), 3)} ms; apart from it, inside the HTTP client (opening, closing) ` +
        `${ms(percentileOf(send, 50), 3)} / ${ms(percentileOf(send, 99), 3)} ms)`,
      `- ghost text within 2 ms of the server's first line (p95): ${check((percentileOf(lag, 95) ?? 0) <= 2)} (${ms(percentileOf(lag, 95), 2)} ms)`,
    );
  }
  return out.join('\n');
}

/**
 * Runs every trace through an engine a few times, instantly, against an in-memory model, so
 * that V8 has compiled the engine's code before anything is measured: the extension runs for
 * hours, and its steady state is what the overhead figures are about. (Each measured run still
 * uses a fresh engine: no cache or typing rhythm carries over.)
 */
async function warmUp(traces: Trace[]): Promise<void> {
  const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
  for (let round = 0; round < 5; round++) {
    for (const trace of traces) {
      const settings = defaultSettings();
      settings.model = 'bench-model';
      settings.inline.debounceMs = 0;
      const complete: CompleteFn = async (body, signal, onDelta) => {
        const prompt = body.prompt;
        let text = trace.text.startsWith(prompt) ? trace.text.slice(prompt.length) : 'x;\n';
        for (const stop of body.stop ?? []) if (text.includes(stop)) text = text.slice(0, text.indexOf(stop));
        for (const token of tokenize(text).slice(0, body.max_tokens)) {
          if (signal.aborted) return undefined;
          onDelta({ index: 0, text: token, logprobs: [] });
          await tick();
        }
        return { ok: true, result: { id: 'w', model: 'm', created: 0, choices: [{ index: 0, text, finishReason: 'stop', logprobs: [] }] }, meta: { totalMs: 0, url: 'u' } };
      };
      const engine = new InlineCompletionEngine({ settings: () => settings, complete, profiler: { now: wallNow, record: () => undefined } });
      let context: InlineContext | undefined;
      let call = new AbortController();
      // As the adapter does: a suggestion that grew is asked for again.
      engine.onDidGrow(() => context && void engine.suggest({ ...context, refresh: true }, call.signal));
      let doc = '';
      for (const [, key] of trace.keys) {
        doc = key === '\b' ? doc.slice(0, -1) : doc + key;
        call.abort();
        call = new AbortController();
        context = { documentId: 'warm', languageId: trace.languageId, prefix: doc, suffix: '', explicit: false };
        void engine.suggest(context, call.signal);
        for (let i = 0; i < 4; i++) await tick();
      }
      for (let i = 0; i < 200; i++) await tick();
      engine.dispose();
    }
  }
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const traceDir = path.resolve(__dirname, '..', '..', 'bench', 'traces');
  const traces: Trace[] = TRACES.map((name) => JSON.parse(fs.readFileSync(path.join(traceDir, `${name}.json`), 'utf8')));
  await warmUp(traces);
  const variants = (Object.keys(VARIANTS) as VariantName[]).filter((v) => !options.only || v === options.only);
  const jobs = variants.flatMap((variant) => traces.map((trace) => ({ variant, trace })));
  const seconds = traces.map((t) => t.keys[t.keys.length - 1][0] / 1000 + 4);
  const expected = options.sequential ? seconds.reduce((a, b) => a + b, 0) * variants.length : Math.max(...seconds);
  console.log(
    `Replaying ${traces.length} traces × ${variants.length} variants ${options.sequential ? 'one by one' : 'concurrently'} ` +
      `(about ${Math.ceil(expected)} s)…`,
  );
  const runAll = async (rtt?: number): Promise<RunResult[]> => {
    if (!options.sequential && rtt !== undefined) {
      // Over TLS the no-debounce baseline's ~900 requests load the CPU enough to slow everyone else: it runs on its own.
      const quiet = jobs.filter((job) => job.variant !== 'noDebounce');
      const loud = jobs.filter((job) => job.variant === 'noDebounce');
      const first = await Promise.all(quiet.map((job) => runOne(job.variant, job.trace, options, rtt)));
      return [...first, ...(await Promise.all(loud.map((job) => runOne(job.variant, job.trace, options, rtt))))];
    }
    if (!options.sequential) return Promise.all(jobs.map((job) => runOne(job.variant, job.trace, options, rtt)));
    const results: RunResult[] = [];
    for (const job of jobs) results.push(await runOne(job.variant, job.trace, options, rtt));
    return results;
  };
  if (options.rtts) {
    const byRtt: Array<{ rtt: number; results: RunResult[] }> = [];
    for (const rtt of options.rtts) byRtt.push({ rtt, results: await runAll(rtt) });
    console.log('\n' + networkReport(byRtt, options.protocol, (Object.keys(VARIANTS) as VariantName[]).filter((v) => variants.includes(v))));
    return;
  }
  let spinning = options.busy === true;
  const spin = (): void => {
    if (spinning) setImmediate(spin);
  };
  spin();
  const stopProfile = await startCpuProfile(process.env.BENCH_CPU_PROFILE);
  const repeats: RunResult[][] = [];
  for (let i = 0; i < options.repeat; i++) repeats.push(await runAll());
  spinning = false;
  await stopProfile();
  if (options.repeat > 1) console.log('\n' + overheadRepeatReport(repeats.map((results) => results.filter((r) => r.variant === 'engine'))));
  console.log('\n' + report(repeats[repeats.length - 1], options));
}

/**
 * With BENCH_CPU_PROFILE=file.cpuprofile, profiles the measured replay only (after the warm-up),
 * sampling every 50 µs; open the file in Chrome DevTools or VS Code.
 */
async function startCpuProfile(file: string | undefined): Promise<() => Promise<void>> {
  if (!file) return async () => undefined;
  const session = new inspector.Session();
  session.connect();
  const post = (method: string, params?: object): Promise<unknown> =>
    new Promise((resolve, reject) => session.post(method, params, (error, result) => (error ? reject(error) : resolve(result))));
  await post('Profiler.enable');
  await post('Profiler.setSamplingInterval', { interval: Number(process.env.BENCH_CPU_INTERVAL ?? 50) });
  await post('Profiler.start');
  return async () => {
    const { profile } = (await post('Profiler.stop')) as { profile: unknown };
    fs.writeFileSync(file, JSON.stringify(profile));
    session.disconnect();
    console.log(`CPU profile of the replay written to ${file}`);
  };
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
