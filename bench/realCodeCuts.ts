/**
 * Cursor points in the real-code corpus (bench/realCodeCorpus.ts), chosen with a seeded
 * generator so that runs compare. Each cut is an editor state (text before and after the
 * cursor, as the user would have it) and the ghost text a perfect completion shows there:
 *
 *   blockEof     cursor at the end of a block opener (`{` `(` `[` at a line end; Python `:`),
 *                nothing after it (typing at the end of a file): expected = the block's body
 *                and its closing line.
 *   blockSuffix  the same opener with the code after the block below the cursor (the block
 *                itself is not written yet): expected = body and closing line.
 *   blockBody    what VS Code leaves after Enter behind an opener with auto-closing on: the
 *                cursor indented on an empty line, the closer (if any) on the line below,
 *                then the rest of the file: expected = the body, from the cursor on.
 *   midLine      cursor inside a code line at a token boundary, the rest of that line not
 *                written yet, the following lines below: expected = the rest of the line.
 *   autoClosed   cursor right after an opening bracket or quote whose closer auto-closing
 *                (or the user) already put right of the cursor, followed only by closers,
 *                `;` `,`: expected = the text between the two.
 */
import { endsWithBlockOpener, isClosersOnly } from '../src/core/inline/completionMode';
import { isClosingLine, isContinuationClause } from '../src/core/inline/postprocess';
import { tokenize } from './benchModel';
import type { CorpusFile } from './realCodeCorpus';

export type CutKind = 'blockEof' | 'blockSuffix' | 'blockBody' | 'midLine' | 'autoClosed';
export const CUT_KINDS: readonly CutKind[] = ['blockEof', 'blockSuffix', 'blockBody', 'midLine', 'autoClosed'];

export interface Cut {
  file: string;
  languageId: string;
  kind: CutKind;
  /** 1-based line of the cursor in the corpus file. */
  line: number;
  prefix: string;
  suffix: string;
  /** What a perfect suggestion shows. */
  expected: string;
  /** The file's real text after the cursor (what a model that knows the file continues with). */
  truthAfter: string;
  /** Indentation of the cursor's line as it stands in the editor (opener line, or the blank body line). */
  cursorIndent: string;
  /** Block kinds: the body's lines (no closing line); the block's closing line when it has one. */
  body?: string[];
  closingLine?: string;
  /** autoClosed: the truth's rest of the line from the closer on. */
  closers?: string;
}

/** mulberry32: small, fast, good enough to pick cursor points reproducibly. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const MAX_BODY_LINES = 10;
const MAX_BLOCK_TOKENS = 200;
const MAX_LINE_TOKENS = 40;
const COMMENT_START = /^(?:\/\/|\/\*|\*|#)/;
const OPENING = '([{';
const CLOSING: Record<string, string> = { '(': ')', '[': ']', '{': '}' };
const QUOTES = `"'\``;

function indentOf(line: string): string {
  return /^[ \t]*/.exec(line)![0];
}

function width(line: string, tabSize: number): number {
  let column = 0;
  for (const ch of indentOf(line)) column = ch === '\t' ? (Math.floor(column / tabSize) + 1) * tabSize : column + 1;
  return column;
}

/** Lines inside a Python triple-quoted string (their text is not code). */
function insideDocstrings(lines: string[], languageId: string): boolean[] {
  const inside: boolean[] = [];
  let open = false;
  for (const line of lines) {
    inside.push(open);
    if (languageId !== 'python') continue;
    const quotes = (line.match(/"""|'''/g) ?? []).length;
    if (quotes % 2 === 1) open = !open;
  }
  return inside;
}

function textThrough(lines: string[], index: number): string {
  return lines.slice(0, index + 1).join('\n');
}

function textFrom(lines: string[], index: number): string {
  return index >= lines.length ? '' : '\n' + lines.slice(index).join('\n');
}

interface Block {
  opener: number;
  body: string[];
  /** Index of the closing line (brace blocks) or of the first line after the block (Python). */
  end: number;
  closingLine?: string;
}

/** The block opened at line `i`, when it is one a benchmark can judge unambiguously. */
function blockAt(lines: string[], i: number, file: CorpusFile): Block | undefined {
  const line = lines[i];
  const trimmed = line.trim();
  if (trimmed === '' || COMMENT_START.test(trimmed)) return undefined;
  const last = trimmed[trimmed.length - 1];
  const bracket = OPENING.includes(last);
  if (!bracket && !(last === ':' && file.languageId === 'python')) return undefined;
  const { tabSize } = file.indent;
  const base = width(line, tabSize);
  let end = i + 1;
  while (end < lines.length && (lines[end].trim() === '' || width(lines[end], tabSize) > base)) end++;
  let bodyEnd = end;
  while (bodyEnd > i + 1 && lines[bodyEnd - 1].trim() === '') bodyEnd--;
  const body = lines.slice(i + 1, bodyEnd).map((text) => text.trimEnd());
  if (body.length === 0 || body.length > MAX_BODY_LINES || body[0].trim() === '') return undefined;
  if (bracket) {
    if (end >= lines.length || width(lines[end], tabSize) !== base || !isClosingLine(lines[end])) return undefined;
    if (lines[end].trim()[0] !== CLOSING[last]) return undefined;
    if (bodyEnd !== end) return undefined; // blank lines before the closer: ambiguous for the block rule
    return { opener: i, body, end, closingLine: lines[end].trimEnd() };
  }
  if (end < lines.length && width(lines[end], tabSize) === base && isContinuationClause(lines[end], 'python')) return undefined;
  return { opener: i, body, end };
}

function blockCuts(file: CorpusFile, lines: string[], block: Block): Cut[] {
  const { opener, body, end, closingLine } = block;
  const common = { file: file.name, languageId: file.languageId, line: opener + 1, body, closingLine };
  const bodyText = body.join('\n');
  const afterClosing = closingLine !== undefined ? end + 1 : end;
  const withCloser = '\n' + bodyText + (closingLine !== undefined ? '\n' + closingLine : '');
  const prefix = textThrough(lines, opener);
  const truthAfter = '\n' + lines.slice(opener + 1).join('\n');
  const cuts: Cut[] = [
    { ...common, kind: 'blockEof', prefix, suffix: '', expected: withCloser, truthAfter, cursorIndent: indentOf(lines[opener]) },
    {
      ...common,
      kind: 'blockSuffix',
      prefix,
      suffix: textFrom(lines, afterClosing),
      expected: withCloser,
      truthAfter,
      cursorIndent: indentOf(lines[opener]),
    },
  ];
  const bodyIndent = indentOf(body[0]);
  cuts.push({
    ...common,
    kind: 'blockBody',
    line: opener + 2,
    prefix: prefix + '\n' + bodyIndent,
    suffix: textFrom(lines, end),
    expected: bodyText.slice(bodyIndent.length),
    truthAfter: truthAfter.slice(1 + bodyIndent.length),
    cursorIndent: bodyIndent,
  });
  return cuts.filter((cut) => tokenize(cut.expected).length <= MAX_BLOCK_TOKENS);
}

function midLineCuts(file: CorpusFile, lines: string[], i: number): Cut[] {
  const line = lines[i].trimEnd();
  const indent = indentOf(line);
  const cuts: Cut[] = [];
  let column = 0;
  for (const token of tokenize(line)) {
    const at = column;
    column += token.length;
    if (at <= indent.length) continue;
    const linePrefix = line.slice(0, at);
    const rest = line.slice(at);
    if (rest.trim().length < 3 || tokenize(rest).length > MAX_LINE_TOKENS) continue;
    if (endsWithBlockOpener(linePrefix, file.languageId) || /\s$/.test(linePrefix)) continue;
    cuts.push({
      file: file.name,
      languageId: file.languageId,
      kind: 'midLine',
      line: i + 1,
      prefix: textThrough(lines, i - 1) + '\n' + linePrefix,
      suffix: textFrom(lines, i + 1),
      expected: rest,
      truthAfter: rest + textFrom(lines, i + 1),
      cursorIndent: indent,
    });
  }
  return cuts;
}

/** Index of the closer matching the opener just before `from`, on the same line, or -1. */
function matchingCloser(line: string, from: number): number {
  const open = line[from - 1];
  if (QUOTES.includes(open)) {
    for (let k = from; k < line.length; k++) {
      if (line[k] === '\\') k++;
      else if (line[k] === open) return k;
    }
    return -1;
  }
  let depth = 0;
  let quote = '';
  for (let k = from; k < line.length; k++) {
    const ch = line[k];
    if (quote) {
      if (ch === '\\') k++;
      else if (ch === quote) quote = '';
    } else if (QUOTES.includes(ch)) quote = ch;
    else if (ch === open) depth++;
    else if (ch === CLOSING[open]) {
      if (depth === 0) return k;
      depth--;
    }
  }
  return -1;
}

function autoClosedCuts(file: CorpusFile, lines: string[], i: number): Cut[] {
  const line = lines[i].trimEnd();
  const cuts: Cut[] = [];
  for (let at = indentOf(line).length + 1; at < line.length; at++) {
    const open = line[at - 1];
    if (!OPENING.includes(open) && !QUOTES.includes(open)) continue;
    // A quote opens a string only after an even number of the same quote.
    if (QUOTES.includes(open) && (line.slice(0, at - 1).split(open).length - 1) % 2 !== 0) continue;
    const closer = matchingCloser(line, at);
    if (closer <= at || !isClosersOnly(line.slice(closer))) continue;
    const inner = line.slice(at, closer);
    if (inner.trim() === '' || tokenize(inner).length > MAX_LINE_TOKENS) continue;
    cuts.push({
      file: file.name,
      languageId: file.languageId,
      kind: 'autoClosed',
      line: i + 1,
      prefix: textThrough(lines, i - 1) + '\n' + line.slice(0, at),
      suffix: line.slice(closer) + textFrom(lines, i + 1),
      expected: inner,
      truthAfter: line.slice(at) + textFrom(lines, i + 1),
      cursorIndent: indentOf(line),
      closers: line.slice(closer),
    });
  }
  return cuts;
}

/** Every candidate cut of a file, by kind. */
function candidates(file: CorpusFile): Map<CutKind, Cut[]> {
  const lines = file.text.split('\n');
  const inString = insideDocstrings(lines, file.languageId);
  const byKind = new Map<CutKind, Cut[]>(CUT_KINDS.map((kind) => [kind, []]));
  for (let i = 1; i < lines.length; i++) {
    if (inString[i] || /"""|'''/.test(lines[i])) continue;
    const trimmed = lines[i].trim();
    if (trimmed === '' || COMMENT_START.test(trimmed)) continue;
    const block = blockAt(lines, i, file);
    if (block) for (const cut of blockCuts(file, lines, block)) byKind.get(cut.kind)!.push(cut);
    byKind.get('midLine')!.push(...midLineCuts(file, lines, i));
    byKind.get('autoClosed')!.push(...autoClosedCuts(file, lines, i));
  }
  return byKind;
}

/** Up to `perKind` cuts of each kind per file, picked with the seeded generator. */
export function pickCuts(files: readonly CorpusFile[], seed: number, perKind: number): Cut[] {
  const random = seededRandom(seed);
  const picked: Cut[] = [];
  for (const file of files) {
    for (const [, cuts] of candidates(file)) {
      const pool = [...cuts];
      // Partial Fisher–Yates: the first `perKind` of a seeded shuffle; one cut per line at most.
      const lines = new Set<number>();
      for (let k = 0; k < pool.length && lines.size < perKind; k++) {
        const j = k + Math.floor(random() * (pool.length - k));
        [pool[k], pool[j]] = [pool[j], pool[k]];
        if (lines.has(pool[k].line)) continue;
        lines.add(pool[k].line);
        picked.push(pool[k]);
      }
    }
  }
  return picked;
}
