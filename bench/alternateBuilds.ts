/**
 * Runs the streaming post-processing micro-benchmark (streamingPostprocess.bench.ts) of two
 * builds alternately on the same machine, so that both see the same load, and prints the
 * median and range of each one's line-by-line p50 and p99 (not a test). Each build is a
 * checkout compiled with `npx tsc -p .` (out/ inside it); each pair starts with the other
 * build than the last, so a drift in the machine's speed falls on both.
 *
 *   npm run compile && node out/bench/alternateBuilds.js --pairs 5 /tmp/before .
 */
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';

interface Figures {
  p50: number;
  p99: number;
}

const LINE = /^line by line.*p50 ([\d.]+) µs, p99 ([\d.]+) µs/m;

function runOnce(checkout: string): Figures {
  const script = path.resolve(checkout, 'out', 'bench', 'streamingPostprocess.bench.js');
  const output = execFileSync(process.execPath, [script], { encoding: 'utf8' });
  const match = LINE.exec(output);
  if (!match) throw new Error(`no line-by-line figures from ${script}:\n${output}`);
  return { p50: Number(match[1]), p99: Number(match[2]) };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function summary(values: number[]): string {
  return `${median(values).toFixed(1)} µs (${Math.min(...values).toFixed(1)}–${Math.max(...values).toFixed(1)})`;
}

function main(): void {
  const args = process.argv.slice(2);
  const pairsAt = args.indexOf('--pairs');
  const pairs = pairsAt >= 0 ? Number(args.splice(pairsAt, 2)[1]) : 5;
  if (args.length !== 2 || !(pairs >= 1)) {
    console.error('usage: node out/bench/alternateBuilds.js [--pairs N] <checkout A> <checkout B>');
    process.exit(2);
  }
  const runs: Figures[][] = [[], []];
  for (let pair = 0; pair < pairs; pair++) {
    const order = pair % 2 === 0 ? [0, 1] : [1, 0];
    for (const which of order) {
      const figures = runOnce(args[which]);
      runs[which].push(figures);
      console.log(`pair ${pair + 1} ${which === 0 ? 'A' : 'B'}: p50 ${figures.p50.toFixed(1)} µs, p99 ${figures.p99.toFixed(1)} µs`);
    }
  }
  for (const which of [0, 1]) {
    const p50 = summary(runs[which].map((figures) => figures.p50));
    const p99 = summary(runs[which].map((figures) => figures.p99));
    console.log(`${which === 0 ? 'A' : 'B'} ${args[which]}: line by line p50 ${p50}, p99 ${p99} over ${pairs} runs`);
  }
}

main();
