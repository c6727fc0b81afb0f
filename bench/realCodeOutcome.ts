/**
 * How a real-code case ended (bench/realCode.bench.ts, and the same cases in the real editor:
 * test/e2e/browser/realCode.test.ts), and the tables both print.
 *
 *   exact     shown text = expected text
 *   short     a part of the expected text (cut too early; not exact)
 *   survived  the artifact survived: the expected text with something added around it, or the
 *             expected text with other indentation
 *   nothing   nothing shown
 *   wrong     anything else
 */
export type Outcome = 'exact' | 'short' | 'survived' | 'nothing' | 'wrong';
export const OUTCOMES: readonly Outcome[] = ['exact', 'short', 'survived', 'nothing', 'wrong'];

function isSubsequence(needle: string, haystack: string): boolean {
  let at = 0;
  for (const ch of haystack) if (at < needle.length && ch === needle[at]) at++;
  return at === needle.length;
}

export function classify(shown: string, expected: string): Outcome {
  if (shown === expected) return 'exact';
  if (shown === '') return 'nothing';
  const squeeze = (text: string): string => text.replace(/\s+/g, '');
  if (squeeze(shown) === squeeze(expected)) return 'survived';
  if (expected.startsWith(shown)) return 'short';
  if (shown.length > expected.length && isSubsequence(expected, shown)) return 'survived';
  return 'wrong';
}

export function percent(count: number, total: number): string {
  return total === 0 ? '—' : `${((100 * count) / total).toFixed(1)} %`;
}

/** A Markdown table: one row per group of `order` (those with cases), then **all**. */
export function outcomeTable<R extends { outcome: Outcome }>(title: string, results: readonly R[], keyOf: (result: R) => string, order: readonly string[]): string {
  const rows = [`| ${title} | cases | ${OUTCOMES.join(' | ')} |`, `|---|---:|${OUTCOMES.map(() => '---:').join('|')}|`];
  const groups = [...order, 'all'];
  for (const group of groups) {
    const members = group === 'all' ? results : results.filter((result) => keyOf(result) === group);
    if (members.length === 0) continue;
    const counts = OUTCOMES.map((outcome) => members.filter((result) => result.outcome === outcome).length);
    const cells = counts.map((count, i) => (i === 0 ? `${count} (${percent(count, members.length)})` : String(count)));
    rows.push(`| ${group === 'all' ? '**all**' : group} | ${members.length} | ${cells.join(' | ')} |`);
  }
  return rows.join('\n');
}
