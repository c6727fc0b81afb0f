/**
 * Micro-benchmark (not a test): the cost of post-processing a multi-line ghost-text answer
 * while it streams, per request, for
 *
 *   - line by line: the engine's way (StreamingPostprocessor: each line judged once as it
 *     completes, the last steps run over the complete lines);
 *   - whole text per line: what the engine did before — at every completed line the whole
 *     pipeline over all complete lines, and the stop check over the whole text.
 *
 * Answers: every block in bench/sources/ (a line ending with `{` or `:` followed by its body,
 * up to 12 lines), tokenised as the benchmark's model server does, with no text after the
 * cursor and with 2,000 characters of unrelated code after it. Hot loop, so this measures the
 * work itself; `npm run bench` measures the engine in an editor-like replay.
 *
 *   npm run compile && node out/bench/streamingPostprocess.bench.js
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { decideCompletionMode, cursorLineContext } from '../src/core/inline/completionMode';
import {
  createPostprocessContext,
  createPostprocessor,
  cutAtStops,
  limitToBlockScope,
  PostprocessContext,
  removeRepeatedLines,
  StreamingPostprocessor,
} from '../src/core/inline/postprocess';
import { tokenize } from './benchModel';
import { percentile } from './percentile';

interface Answer {
  name: string;
  context: PostprocessContext;
  tokens: string[];
}

const LANGUAGES: Record<string, string> = { ts: 'typescript', py: 'python', go: 'go' };

function answers(): Answer[] {
  const dir = path.resolve(__dirname, '..', '..', 'bench', 'sources');
  const files = fs.readdirSync(dir).filter((file) => file.endsWith('.txt'));
  const unrelated = files.map((file) => fs.readFileSync(path.join(dir, file), 'utf8')).join('\n').repeat(4).slice(0, 2000);
  const result: Answer[] = [];
  for (const file of files) {
    const languageId = LANGUAGES[file.split('.')[1]] ?? 'plaintext';
    const text = fs.readFileSync(path.join(dir, file), 'utf8');
    const lines = text.split('\n');
    let offset = 0;
    for (let i = 0; i < lines.length; i++) {
      offset += lines[i].length + 1;
      if (!/[{:]\s*$/.test(lines[i])) continue;
      const prefix = text.slice(0, offset - 1);
      const completion = '\n' + lines.slice(i + 1, i + 13).join('\n') + '\n';
      for (const suffix of ['', '\n' + unrelated]) {
        const mode = decideCompletionMode(cursorLineContext(prefix, suffix, languageId), { explicit: false });
        if (mode.kind === 'skip' || mode.mode !== 'multiLine') continue;
        const indent = { insertSpaces: languageId !== 'go', tabSize: 4 };
        const context = createPostprocessContext({ prefix, suffix, languageId, mode: 'multiLine', maxLines: mode.maxLines, indent });
        result.push({ name: `${file}:${i + 1}${suffix ? ' +suffix' : ''}`, context, tokens: tokenize(completion) });
      }
    }
  }
  return result;
}

/** The engine's way: returns a checksum so the work cannot be optimised away. */
function lineByLine(answer: Answer): number {
  const streaming = new StreamingPostprocessor(answer.context);
  let sum = 0;
  for (const token of answer.tokens) {
    if (streaming.append(token)) break;
    if (token.includes('\n')) sum += streaming.shown().length;
  }
  return sum + createPostprocessor(answer.context)(streaming.text).length;
}

/** The former way. */
function wholeTextPerLine(answer: Answer): number {
  const pipeline = createPostprocessor(answer.context);
  const stops = cutAtStops(answer.context);
  const block = limitToBlockScope(answer.context);
  const loops = removeRepeatedLines(answer.context);
  let raw = '';
  let sum = 0;
  for (const token of answer.tokens) {
    raw += token;
    if (!token.includes('\n')) continue;
    const complete = raw.slice(0, raw.lastIndexOf('\n'));
    const visible = complete.trimEnd().length;
    const newlines = raw.split('\n').length - 1;
    if (stops(raw).length < raw.length || newlines >= answer.context.maxLines) break;
    if (block(complete).trimEnd().length < visible || loops(complete).trimEnd().length < visible) break;
    sum += pipeline(complete).length;
  }
  return sum + pipeline(raw).length;
}

function measure(all: Answer[], run: (answer: Answer) => number, rounds: number): number[] {
  const perRequest: number[] = [];
  let checksum = 0;
  for (let round = 0; round < rounds; round++) {
    for (const answer of all) {
      const started = performance.now();
      checksum += run(answer);
      perRequest.push((performance.now() - started) * 1000);
    }
  }
  if (checksum < 0) console.log(checksum);
  return perRequest;
}

function main(): void {
  const all = answers();
  const tokens = all.reduce((sum, answer) => sum + answer.tokens.length, 0);
  console.log(`${all.length} answers, ${(tokens / all.length).toFixed(0)} tokens each on average`);
  for (const [name, run] of [
    ['line by line (engine)', lineByLine],
    ['whole text per line (before)', wholeTextPerLine],
  ] as const) {
    measure(all, run, 200); // warm-up
    const times = measure(all, run, 500);
    console.log(`${name.padEnd(30)} per request p50 ${percentile(times, 50).toFixed(1)} µs, p99 ${percentile(times, 99).toFixed(1)} µs`);
  }
}

main();
