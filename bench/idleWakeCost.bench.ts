/**
 * Micro-benchmark (not a test) of the machine, not of the engine: how much slower a few
 * instructions run right after the process has idled, as it does between the streamed pieces
 * of a ghost-text answer (one every 16 ms at 60 tokens/s). `npm run bench` times the engine's
 * sections in exactly that situation; this shows the floor under those figures.
 *
 *   npm run compile && node out/bench/idleWakeCost.bench.js
 *
 * Per sample: an empty timed section (two clock reads) and a one-line string operation, either
 * back to back in a loop or each after a sleep.
 */
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

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

async function afterSleeps(ms: number, work: () => void): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    await new Promise((resolve) => setTimeout(resolve, ms));
    times.push(section(work));
  }
  return times;
}

async function main(): Promise<void> {
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
