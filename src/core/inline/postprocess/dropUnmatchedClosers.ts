/**
 * Drops the closing brackets a suggestion has too many of: `count(items))` where `count(items)`
 * was meant, `head = child;)`, `'NFKD')` at the top level. The suggestion's code brackets
 * (codeScanner.ts: strings, comments and regex literals do not count) are balanced against the
 * brackets the code before the cursor leaves open; a closer that closes nothing, or meets an
 * opener of another kind (`)` where `{` is open), is dropped — only that character, what
 * follows it stays (`curEnd!)) {` → `curEnd!) {`).
 *
 * A closer is only dropped where it can be judged:
 *  - in a language the scanner knows (codeScanner.ts), outside a comment line;
 *  - not in the run of closers a line starts with (`});` closes what earlier lines opened,
 *    perhaps before the text this filter sees);
 *  - "closes nothing" only when the text before the cursor starts at the document's start
 *    (shorter than the prompt window), otherwise the opener may lie before it (in Python,
 *    whose blocks have no brackets, the window is taken as enough);
 *  - not when the cursor sits inside a block comment or a multi-line string.
 * Closers the editor already has right of the cursor (auto-closed `)` in `count(|)`) are
 * removeSuffixDuplication's: this filter compares with the text before the cursor only.
 */
import { CloserBalancer } from './closerBalancer';
import { BalancedRun, closerContext } from './closerContext';
import { PostprocessFilterFactory } from './postprocessContext';

const HAS_CLOSER = /[)\]}]/;

export const dropUnmatchedClosers: PostprocessFilterFactory = (context) => {
  const closers = closerContext(context);
  if (!closers) return (text) => text;
  return (text) => {
    const lines = closers.remembering ? text.split('\n') : undefined;
    // A suggestion balanced while it streamed (or a longer one it begins): its lines are not
    // read again. Taken even when there is nothing to balance: kept, it would only hold memory.
    const run = lines && closers.take(lines);
    if (!HAS_CLOSER.test(text)) return text;
    return balanced(lines ?? text.split('\n'), run, () => new CloserBalancer(closers), text);
  };
};

/** `text`'s lines balanced, those of `run` (as far as it goes) taken from it. */
function balanced(lines: string[], run: BalancedRun | undefined, fresh: () => CloserBalancer, text: string): string {
  let balancer: { line(text: string, index: number): string } | undefined;
  let changed = false;
  for (let index = 0; index < lines.length; index++) {
    let kept: string;
    if (run && index < run.inputs.length) kept = run.outputs[index];
    else kept = (balancer ??= run ? run.continuation() : fresh()).line(lines[index], index);
    if (kept !== lines[index]) {
      lines[index] = kept;
      changed = true;
    }
  }
  return changed ? lines.join('\n') : text;
}
