/**
 * Micro-benchmark (not a test): what building one ghost-text request costs when it runs as it
 * does in the editor — once, after a gap of tens of milliseconds (the debounce) — against the
 * same call repeated back to back. `npm run bench` times the engine's sections in the first
 * situation; this shows how much of those figures is the gap rather than the work.
 *
 *   npm run compile && node out/bench/coldPlan.bench.js [--gap 40] [--samples 80] [--busy] [--sweep]
 *
 * Per sample: a position in one of the bench traces (bench/traces/), then after the gap
 * (a sleep, or `--busy`: a busy wait that never idles the thread) `planInlineRequest` three
 * times in a row and the stream's set-up (`LiveCompletion`) once. Prints the median and the
 * interquartile range of each, in µs.
 *
 * `--sweep`: instead, one `planInlineRequest` per sample after busy waits of 0.05, 0.5, 2, 10
 * and 40 ms (the thread never idles, and touches almost no memory while it waits), to show
 * how the cost of the same call grows with the time since the thread last ran it.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { planInlineRequest } from '../src/core/inlineEngine/engineRequest';
import type { InlineContext } from '../src/core/inlineEngine/inlineEngineTypes';
import { LiveCompletion } from '../src/core/inlineEngine/liveCompletion';
import type { CometSettings } from '../src/core/settings/cometSettings';
import { defaultSettings } from '../src/core/settings/settingsValidator';
import type { Trace } from './editorReplay';

interface Options {
  gapMs: number;
  samples: number;
  busy: boolean;
  sweep: boolean;
}

const SWEEP_GAPS_MS = [0.05, 0.5, 2, 10, 40];

function parseOptions(argv: string[]): Options {
  const options: Options = { gapMs: 40, samples: 80, busy: false, sweep: false };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--gap') options.gapMs = Number(argv[++i]);
    else if (argv[i] === '--samples') options.samples = Number(argv[++i]);
    else if (argv[i] === '--busy') options.busy = true;
    else if (argv[i] === '--sweep') options.sweep = true;
    else throw new Error(`unknown option ${argv[i]}`);
  }
  return options;
}

function quartiles(values: number[]): string {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return `${at(0.5).toFixed(0)} (${at(0.25).toFixed(0)}–${at(0.75).toFixed(0)})`;
}

async function gap(options: Options): Promise<void> {
  if (!options.busy) return new Promise((resolve) => setTimeout(resolve, options.gapMs));
  spin(options.gapMs);
}

function spin(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // spin: the thread never idles
  }
}

/** `planInlineRequest` once after each busy wait of {@link SWEEP_GAPS_MS}. */
function sweep(settings: CometSettings, positions: InlineContext[], samples: number): void {
  console.log(`planInlineRequest once after a busy wait, ${samples} positions per wait; median (p25–p75) µs`);
  for (const gapMs of SWEEP_GAPS_MS) {
    const times: number[] = [];
    for (let i = 0; i < samples + 10; i++) {
      const context = positions[(i * 7) % positions.length];
      spin(gapMs);
      const t0 = performance.now();
      planInlineRequest(settings, context);
      const t1 = performance.now();
      if (i >= 10) times.push((t1 - t0) * 1000);
    }
    console.log(`  after ${String(gapMs).padStart(4)} ms   ${quartiles(times)}`);
  }
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const dir = path.resolve(__dirname, '..', '..', 'bench', 'traces');
  const traces: Trace[] = ['go', 'python', 'typescript'].map((name) => JSON.parse(fs.readFileSync(path.join(dir, `${name}.json`), 'utf8')));
  const settings = defaultSettings();
  settings.model = 'bench-model';
  const positions: InlineContext[] = [];
  for (const trace of traces) {
    for (let end = trace.text.indexOf('\n') + 1; end > 0 && end < trace.text.length; end = trace.text.indexOf('\n', end) + 1) {
      const indent = /^[ \t]*/.exec(trace.text.slice(end))?.[0] ?? '';
      positions.push({ documentId: trace.name, languageId: trace.languageId, prefix: trace.text.slice(0, end) + indent, suffix: '', explicit: false });
    }
  }
  // As after the editor has run for a while: the code has been through V8's tiers it would reach.
  for (let i = 0; i < 300; i++) planInlineRequest(settings, positions[i % positions.length]);
  if (options.sweep) return sweep(settings, positions, options.samples);
  const first: number[] = [];
  const second: number[] = [];
  const third: number[] = [];
  const stream: number[] = [];
  for (let i = 0; i < options.samples + 10; i++) {
    const context = positions[(i * 7) % positions.length];
    await gap(options);
    const t0 = performance.now();
    const plan = planInlineRequest(settings, context);
    const t1 = performance.now();
    planInlineRequest(settings, context);
    const t2 = performance.now();
    planInlineRequest(settings, context);
    const t3 = performance.now();
    if (plan.kind === 'request') new LiveCompletion(i, plan, 'fingerprint', 'key', '', false, 8);
    const t4 = performance.now();
    if (i < 10) continue;
    first.push((t1 - t0) * 1000);
    second.push((t2 - t1) * 1000);
    third.push((t3 - t2) * 1000);
    stream.push((t4 - t3) * 1000);
  }
  console.log(`${options.samples} positions, each after a ${options.gapMs} ms ${options.busy ? 'busy wait' : 'sleep'}; median (p25–p75) µs`);
  console.log(`  planInlineRequest, first after the gap   ${quartiles(first)}`);
  console.log(`  the same again at once                   ${quartiles(second)}`);
  console.log(`  and a third time                         ${quartiles(third)}`);
  console.log(`  LiveCompletion (stream set-up)           ${quartiles(stream)}`);
}

void main();
