/**
 * The real-code benchmark's cases (bench/realCode.bench.ts) as things a person does in the editor:
 * a seeded sample of (cursor point, artifact) pairs from bench/realCodeCuts.ts and
 * bench/realCodeArtifacts.ts, each with the file as it stands before the person's last keystrokes,
 * where they type, and what they type so that VS Code itself builds the cursor point's state:
 *
 *   blockBody    the opener is typed, then Enter: auto-closing writes the closer, Enter splits
 *                the brackets and auto-indent indents the empty line (Python: `:` and Enter)
 *   autoClosed   the opening bracket or quote is typed: auto-closing writes its closer
 *   midLine      the last word (or the last character) before the cursor is typed
 *   blockEof,    Python: the `:` is typed. A bracket typed at a line's end would auto-close,
 *   blockSuffix  which is another cursor point (autoClosed/blockBody): the person puts the
 *                cursor after the opener and asks for a suggestion (Trigger Inline Suggestion).
 *
 * Pure: the browser test (realCode.test.ts) does the typing.
 */
import { Answer, answerWith, Artifact, ARTIFACTS } from '../../../bench/realCodeArtifacts';
import { loadCorpus } from '../../../bench/realCodeCorpus';
import { Cut, CUT_KINDS, CutKind, pickCuts, seededRandom } from '../../../bench/realCodeCuts';
import { classify, Outcome } from '../../../bench/realCodeOutcome';

export interface EditorCase {
  /** Workspace file name (its extension gives VS Code the language). */
  fileName: string;
  cut: Cut;
  artifact: Artifact;
  answer: Answer;
  /** The file before the person's last keystrokes. */
  initial: string;
  /** Where those keystrokes start: 1-based line and column (characters), as Go to Line takes them. */
  line: number;
  column: number;
  /** Typed at the cursor, then Enter when `enter`; nothing typed: Trigger Inline Suggestion. */
  typed: string;
  enter: boolean;
}

const EXTENSION: Record<string, string> = { typescript: 'ts', javascript: 'js', python: 'py' };
const OPENERS = '([{"\'`';

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const lastBreak = before.lastIndexOf('\n');
  return { line: before.split('\n').length, column: offset - lastBreak };
}

/** What the person types, and the file before it, for a cut. */
function entryFor(cut: Cut): { initial: string; at: number; typed: string; enter: boolean } {
  const { prefix, suffix } = cut;
  switch (cut.kind) {
    case 'blockBody': {
      const openerLine = prefix.slice(0, prefix.lastIndexOf('\n'));
      const opener = openerLine[openerLine.length - 1];
      const before = openerLine.slice(0, -1);
      if (opener === ':') return { initial: before + suffix, at: before.length, typed: ':', enter: true };
      // suffix = "\n" + closing line's indentation + closer + the rest of the file
      const closerAt = suffix.search(/\S/);
      return { initial: before + suffix.slice(closerAt + 1), at: before.length, typed: opener, enter: true };
    }
    case 'autoClosed':
      return { initial: prefix.slice(0, -1) + suffix.slice(1), at: prefix.length - 1, typed: prefix[prefix.length - 1], enter: false };
    case 'midLine': {
      const word = /\w+$/.exec(prefix)?.[0] ?? '';
      const typed = word !== '' ? word : OPENERS.includes(prefix[prefix.length - 1]) ? '' : prefix[prefix.length - 1];
      return { initial: prefix.slice(0, prefix.length - typed.length) + suffix, at: prefix.length - typed.length, typed, enter: false };
    }
    case 'blockEof':
    case 'blockSuffix':
      if (prefix.endsWith(':')) return { initial: prefix.slice(0, -1) + suffix, at: prefix.length - 1, typed: ':', enter: false };
      return { initial: prefix + suffix, at: prefix.length, typed: '', enter: false };
  }
}

function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/**
 * `count` cases of the benchmark's seed, picked with the same seed: first one of each artifact
 * and each cut kind, then at random.
 */
export function editorCases(count: number, seed = 15): EditorCase[] {
  const files = loadCorpus();
  const byName = new Map(files.map((file) => [file.name, file]));
  const all: Array<{ cut: Cut; artifact: Artifact; answer: Answer }> = [];
  for (const cut of pickCuts(files, seed, 3)) {
    for (const artifact of ARTIFACTS) {
      const answer = answerWith(artifact, cut, byName.get(cut.file)!);
      if (answer) all.push({ cut, artifact, answer });
    }
  }
  const pool = shuffled(all, seededRandom(seed));
  const picked = new Set<number>();
  const artifacts = new Set<Artifact>();
  const kinds = new Set<CutKind>();
  pool.forEach((pair, index) => {
    if (artifacts.has(pair.artifact) && kinds.has(pair.cut.kind)) return;
    picked.add(index);
    artifacts.add(pair.artifact);
    kinds.add(pair.cut.kind);
  });
  for (let index = 0; index < pool.length && picked.size < count; index++) picked.add(index);
  const order = [...picked].slice(0, Math.max(count, ARTIFACTS.length + CUT_KINDS.length)).sort((a, b) => a - b);
  return order.map((index, n) => {
    const { cut, artifact, answer } = pool[index];
    const entry = entryFor(cut);
    const { line, column } = lineAndColumn(entry.initial, entry.at);
    const base = cut.file.replace(/\.txt$/, '').replace(/\.\w+$/, '');
    return {
      fileName: `case${String(n + 1).padStart(3, '0')}-${base}.${EXTENSION[cut.languageId] ?? 'txt'}`,
      cut,
      artifact,
      answer,
      initial: entry.initial,
      line,
      column,
      typed: entry.typed,
      enter: entry.enter,
    };
  });
}

/** The document a perfect suggestion leaves once accepted. */
export function expectedDocument(c: EditorCase): string {
  return c.cut.prefix + c.answer.expected + c.cut.suffix;
}

/**
 * What the person accepted, judged like the benchmark judges the ghost text: the document between
 * the cursor point's prefix and suffix (`classify`). A document that no longer holds the prefix
 * or the suffix (the editor's state was not the cursor point's, or accepting ate text right of the
 * cursor) is wrong unless it differs from the expected one in whitespace only (survived).
 */
export function outcomeOf(document: string, c: EditorCase): { outcome: Outcome; accepted: string } {
  const { prefix, suffix } = c.cut;
  if (document.startsWith(prefix) && document.endsWith(suffix) && document.length >= prefix.length + suffix.length) {
    const accepted = document.slice(prefix.length, document.length - suffix.length);
    return { outcome: classify(accepted, c.answer.expected), accepted };
  }
  const squeeze = (text: string): string => text.replace(/\s+/g, '');
  return { outcome: squeeze(document) === squeeze(expectedDocument(c)) ? 'survived' : 'wrong', accepted: document };
}
