/** Nearest-rank percentiles for the benchmarks' reports. */

/** The `p`th percentile of `values` (nearest rank), or undefined when there are none. */
export function percentileOf(values: readonly number[], p: number): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/** As {@link percentileOf}, NaN when there are no values (prints as "NaN" rather than failing). */
export function percentile(values: readonly number[], p: number): number {
  return percentileOf(values, p) ?? NaN;
}
