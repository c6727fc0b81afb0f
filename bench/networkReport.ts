/**
 * The benchmark's network table (one block per round-trip time) and the overhead figures over
 * repeated runs (median and range), printed by inlineEngine.bench.ts.
 */
import type { RunResult, VariantName } from './inlineEngine.bench';
import type { EdgeProtocols } from './benchNetwork';
import { percentileOf } from './percentile';

/** What the TLS edge saw during one run. */
export interface NetworkFacts {
  rttMs: number;
  handshakes: number;
  edgeRequests: number;
  http2Requests: number;
  stoppedResponses: number;
}

const NAMES: Record<VariantName, string> = {
  engine: 'Comet engine',
  noDebounce: 'no debounce, no cache',
  fixedDebounce: '350 ms debounce, no reuse',
  llamaLike: 'llama.vscode-like',
};

/** A trace's first pause (a fresh session's): "pause→ghost (minus the server's first line)". */
export function firstPauseText(first: RunResult['firstPause']): string {
  return first === null ? 'nothing shown' : `${first.latency.toFixed(0)} (${first.net.toFixed(0)})`;
}

function fmt(value: number | undefined, digits = 0): string {
  return value === undefined ? '–' : value.toFixed(digits);
}

function sum(results: RunResult[], pick: (r: RunResult) => number): number {
  return results.reduce((total, r) => total + pick(r), 0);
}

function table(rows: string[][]): string {
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  const line = (row: string[]) => `| ${row.map((cell, i) => cell.padEnd(widths[i])).join(' | ')} |`;
  return [line(rows[0]), `| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`, ...rows.slice(1).map(line)].join('\n');
}

export function networkReport(byRtt: Array<{ rtt: number; results: RunResult[] }>, protocol: EdgeProtocols, variants: VariantName[]): string {
  const out: string[] = [
    `Network: loopback TLS edge speaking ${protocol === 'h2' ? 'HTTP/2 (HTTP/1.1 offered too)' : 'HTTP/1.1 only'}, behind a relay adding the round-trip time.`,
    '',
  ];
  const rows: string[][] = [
    [
      'RTT ms',
      'Variant',
      'Pauses',
      'Requests',
      'Aborted',
      'Stopped at server',
      'Never shown',
      'Pause→ghost p50/p95 ms',
      'minus server first line p50/p95 ms',
      'of which connection set-up p50/p95 ms',
      'Nothing showing: minus first line p50/p95 ms',
      'First pause→ghost (minus first line) ms per trace',
      'Handshakes / 100 requests',
      'Pauses without ghost',
    ],
  ];
  const targets: string[] = [];
  for (const { rtt, results } of byRtt) {
    for (const variant of variants) {
      const mine = results.filter((r) => r.variant === variant);
      if (mine.length === 0) continue;
      const requests = sum(mine, (r) => r.requests);
      const generated = sum(mine, (r) => r.tokensGenerated);
      const shown = sum(mine, (r) => r.tokensShown);
      const latency = mine.flatMap((r) => r.pauseLatency);
      const net = mine.flatMap((r) => r.pauseLatencyNet);
      const setup = mine.flatMap((r) => r.setupMs);
      const handshakes = sum(mine, (r) => r.network?.handshakes ?? 0);
      rows.push([
        String(rtt),
        NAMES[variant],
        String(sum(mine, (r) => r.pauses)),
        String(requests),
        String(sum(mine, (r) => r.aborted)),
        String(sum(mine, (r) => r.network?.stoppedResponses ?? 0)),
        generated === 0 ? '–' : `${(((generated - shown) / generated) * 100).toFixed(1)} %`,
        `${fmt(percentileOf(latency, 50))} / ${fmt(percentileOf(latency, 95))}`,
        `${fmt(percentileOf(net, 50))} / ${fmt(percentileOf(net, 95))}`,
        `${fmt(percentileOf(setup, 50))} / ${fmt(percentileOf(setup, 95))}`,
        `${fmt(percentileOf(mine.flatMap((r) => r.coldPauseNet), 50))} / ${fmt(percentileOf(mine.flatMap((r) => r.coldPauseNet), 95))}`,
        mine.map((r) => firstPauseText(r.firstPause)).join(', '),
        requests === 0 ? '–' : ((handshakes / requests) * 100).toFixed(1),
        String(sum(mine, (r) => r.pausesWithout)),
      ]);
    }
    const engine = results.filter((r) => r.variant === 'engine');
    const llama = results.filter((r) => r.variant === 'llamaLike');
    if (engine.length > 0) {
      const check = (ok: boolean) => (ok ? 'met' : 'MISSED');
      const net50 = percentileOf(engine.flatMap((r) => r.pauseLatencyNet), 50) ?? 0;
      const p50 = percentileOf(engine.flatMap((r) => r.pauseLatency), 50) ?? 0;
      const llama50 = percentileOf(llama.flatMap((r) => r.pauseLatency), 50);
      const generated = sum(engine, (r) => r.tokensGenerated);
      const neverShown = generated === 0 ? 0 : (generated - sum(engine, (r) => r.tokensShown)) / generated;
      targets.push(
        `RTT ${rtt} ms, engine: pause→ghost p50 ≤ server first line + 100 ms: ${check(net50 <= 100)} (+${fmt(net50)} ms); ` +
          `p50 ≤ llama.vscode-like: ${llama50 === undefined ? 'n/a' : `${check(p50 <= llama50)} (${fmt(p50)} vs ${fmt(llama50)} ms)`}; ` +
          `requests ≤ 2 × pauses + 1: ${check(engine.every((r) => r.requests <= 2 * r.pauses + 1))} ` +
          `(${engine.map((r) => `${r.trace} ${r.requests} ≤ ${2 * r.pauses + 1}`).join(', ')}); ` +
          `never shown ≤ 10 %: ${check(neverShown <= 0.1)} (${(neverShown * 100).toFixed(1)} %)`,
      );
    }
  }
  out.push(table(rows), '', ...targets);
  return out.join('\n');
}

/** The engine's overhead per request (and per keystroke call) in each run: the median and range of their p50 and p99. */
export function overheadRepeatReport(runs: RunResult[][]): string {
  const perRun = runs.map((results) => {
    const request = results.flatMap((r) => r.overheadPerRequest);
    const call = results.flatMap((r) => r.overheadPerCall);
    return { p50: percentileOf(request, 50) ?? 0, p99: percentileOf(request, 99) ?? 0, call50: percentileOf(call, 50) ?? 0, call99: percentileOf(call, 99) ?? 0 };
  });
  const spread = (values: number[]): string => {
    const sorted = [...values].sort((a, b) => a - b);
    return `${fmt(percentileOf(sorted, 50), 3)} (${fmt(sorted[0], 3)}–${fmt(sorted[sorted.length - 1], 3)})`;
  };
  return [
    `Engine overhead over ${runs.length} runs, median (range) of each run's figure, ms:`,
    `- per request p50 ${spread(perRun.map((r) => r.p50))}, p99 ${spread(perRun.map((r) => r.p99))}`,
    `- per keystroke call p50 ${spread(perRun.map((r) => r.call50))}, p99 ${spread(perRun.map((r) => r.call99))}`,
  ].join('\n');
}
