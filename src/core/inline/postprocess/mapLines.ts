/**
 * `text.split('\n').map(rewrite).join('\n')` for filters that usually change no line: the
 * lines are read in place and nothing is built until one changes (then only the text from
 * there on); with no change the result is `text` itself.
 */
export function mapLines(text: string, rewrite: (line: string, index: number) => string): string {
  let result = '';
  /** `text` before this index is in `result`, or needs no copy (nothing changed yet). */
  let copied = 0;
  let changed = false;
  let start = 0;
  for (let index = 0; ; index++) {
    const newline = text.indexOf('\n', start);
    const end = newline < 0 ? text.length : newline;
    const line = text.slice(start, end);
    const kept = rewrite(line, index);
    if (kept !== line) {
      result += text.slice(copied, start) + kept;
      copied = end;
      changed = true;
    }
    if (newline < 0) break;
    start = newline + 1;
  }
  return changed ? result + text.slice(copied) : text;
}
