/** Milliseconds for people: "412 ms", "1.3 s", "12 s". */
export function formatLatency(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '?';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${Number((ms / 1000).toFixed(ms < 10000 ? 1 : 0))} s`;
}
