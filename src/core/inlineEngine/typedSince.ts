/**
 * What was typed since an earlier cursor position, judged from the two prefixes alone.
 *
 * The adapter sends a bounded window of text before the cursor, so a later prefix need not
 * start with an earlier one: the window slides as the user types. Instead, the last
 * `anchorChars` characters of the earlier prefix (the anchor) must reappear in the later
 * prefix, followed only by the typed text. An earlier prefix shorter than the anchor was the
 * whole document start, so the later one must start with it exactly.
 *
 * The search tries each candidate length, cheapest check first (the anchor's last
 * character), so it costs little more than one string comparison.
 */
export function typedSince(originPrefix: string, currentPrefix: string, maxTyped: number, anchorChars: number): string | undefined {
  anchorChars = Math.max(1, Math.floor(anchorChars) || 1);
  if (originPrefix.length < anchorChars) {
    const typed = currentPrefix.length - originPrefix.length;
    if (typed < 0 || typed > maxTyped || !currentPrefix.startsWith(originPrefix)) return undefined;
    return currentPrefix.slice(originPrefix.length);
  }
  const anchor = originPrefix.length === anchorChars ? originPrefix : originPrefix.slice(-anchorChars);
  const last = anchor.charCodeAt(anchor.length - 1);
  const most = Math.min(maxTyped, currentPrefix.length - anchor.length);
  for (let typed = 0; typed <= most; typed++) {
    const end = currentPrefix.length - typed;
    if (currentPrefix.charCodeAt(end - 1) !== last) continue;
    if (currentPrefix.startsWith(anchor, end - anchor.length)) return currentPrefix.slice(end);
  }
  return undefined;
}
