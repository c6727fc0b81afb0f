/**
 * Micro-benchmark (not a test) of the machine, not of the engine: how much slower a few
 * instructions run right after the process has idled, as it does between the streamed pieces
 * of a ghost-text answer (one every 16 ms at 60 tokens/s). `npm run bench` times the engine's
 * sections in exactly that situation; this shows the floor under those figures.
 *
 *   npm run compile && node out/bench/idleWakeCost.bench.js [--steps]
 *
 * Per sample: an empty timed section (two clock reads) and a one-line string operation, either
 * back to back in a loop or each after a sleep.
 *
 * `--steps`: instead, single steps of the kind a ghost-text request's path is made of (a call, a
 * `lastIndexOf`, a slice, a small object literal, an array, a `Map`), each timed once after a
 * 40 ms sleep with some garbage made before it (as the rest of the process makes between two
 * requests), in an order that rotates so that each is sometimes the first step after the sleep;
 * that first step is reported apart.
 */
import { percentile } from './percentile';

const SAMPLES = 300;

function section(work: () => void): number {
  const started = performance.now();
  work();
  return (performance.now() - started) * 1000;
}

let text = '';
const empty = (): void => undefined;
const oneLine = (): void => {
  text += 'token';
  if (text.length > 1000 || text.includes('\n')) text = '';
};

async function afterSleeps(ms: number, work: () => void): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    await new Promise((resolve) => setTimeout(resolve, ms));
    times.push(section(work));
  }
  return times;
}

const PREFIX = 'function total(items) {\n  let sum = 0;\n  for (const item of items) sum += item.price;\n  return sum;\n}\n\nconst value = '.repeat(8);
let kept: unknown;
const STEPS: Array<[string, (prefix: string) => unknown]> = [
  ['a call returning a length', (prefix) => prefix.length],
  ["lastIndexOf('\\n')", (prefix) => prefix.lastIndexOf('\n')],
  ['a slice', (prefix) => prefix.slice(prefix.length - 40)],
  ['an object literal (3 fields)', (prefix) => ({ prefix, line: 1, column: 2 })],
  ['an array of one', (prefix) => [prefix]],
  ['new Map()', () => new Map()],
];

async function coldSteps(): Promise<void> {
  const times = STEPS.map((): number[] => []);
  const first: number[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    let garbage: Array<{ i: number; s: string }> = [];
    for (let j = 0; j < 20_000; j++) garbage.push({ i: j, s: 'x' + j });
    garbage = [];
    await new Promise((resolve) => setTimeout(resolve, 40));
    const prefix = PREFIX.slice(0, PREFIX.length - (i % 17));
    for (let k = 0; k < STEPS.length; k++) {
      const index = (i + k) % STEPS.length;
      const started = performance.now();
      kept = STEPS[index][1](prefix);
      const us = (performance.now() - started) * 1000;
      times[index].push(us);
      if (k === 0) first.push(us);
    }
  }
  console.log(`${SAMPLES} samples, each after a 40 ms sleep; p50 (p90) µs`);
  const cell = (values: number[]): string => `${percentile(values, 50).toFixed(2)} (${percentile(values, 90).toFixed(2)})`;
  STEPS.forEach(([name], index) => console.log(`${name.padEnd(30)} ${cell(times[index])}`));
  console.log(`${'the first step after the sleep'.padEnd(30)} ${cell(first)}`);
  if (kept === undefined) console.log('');
}

async function main(): Promise<void> {
  if (process.argv.includes('--steps')) return coldSteps();
  for (let i = 0; i < 10_000; i++) section(oneLine);
  const rows: Array<[string, number[], number[]]> = [];
  const hot = (work: () => void): number[] => Array.from({ length: SAMPLES }, () => section(work));
  rows.push(['in a loop', hot(empty), hot(oneLine)]);
  for (const ms of [1, 16]) rows.push([`after a ${ms} ms sleep`, await afterSleeps(ms, empty), await afterSleeps(ms, oneLine)]);
  console.log('p50 (p90) µs           empty section     one-line string operation');
  for (const [name, emptyTimes, lineTimes] of rows) {
    const cell = (times: number[]): string => `${percentile(times, 50).toFixed(2)} (${percentile(times, 90).toFixed(2)})`;
    console.log(`${name.padEnd(22)} ${cell(emptyTimes).padEnd(17)} ${cell(lineTimes)}`);
  }
}

void main();
