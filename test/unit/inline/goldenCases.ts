/**
 * Reader for the post-processing golden files in test/unit/inline/golden/*.txt
 * (format described in golden/README.md). Tests run from out/, so files are resolved from the
 * repository root, not from __dirname's compiled copy.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { CompletionMode } from '../../../src/core/inline/completionMode';
import { createPostprocessContext, PostprocessContext } from '../../../src/core/inline/postprocess/postprocessContext';

export const GOLDEN_DIR = path.resolve(__dirname, '../../../../test/unit/inline/golden');
export const CURSOR = '║';

export interface GoldenCase {
  file: string;
  name: string;
  language: string;
  context: PostprocessContext;
  completion: string;
  expected: string;
}

function unescape(text: string): string {
  return text.replace(/␉/g, '\t').replace(/␠/g, ' ');
}

function parseCase(file: string, name: string, lines: string[]): GoldenCase {
  const meta: Record<string, string> = {};
  const sections: Record<string, string[]> = {};
  let current: string[] | undefined;
  for (const line of lines) {
    const header = /^--- (document|completion|expected)$/.exec(line);
    if (header) {
      if (sections[header[1]]) throw new Error(`${file} / ${name}: section "${header[1]}" twice`);
      current = sections[header[1]] = [];
    } else if (current) {
      current.push(line);
    } else if (line.trim() !== '') {
      const field = /^(\w+):\s*(.*)$/.exec(line);
      if (!field) throw new Error(`${file} / ${name}: bad meta line ${JSON.stringify(line)}`);
      meta[field[1]] = field[2];
    }
  }
  for (const required of ['document', 'completion', 'expected']) {
    if (!sections[required]) throw new Error(`${file} / ${name}: missing "--- ${required}"`);
  }
  for (const key of Object.keys(meta)) {
    if (!['language', 'mode', 'indent', 'maxLines', 'stops'].includes(key)) {
      throw new Error(`${file} / ${name}: unknown meta "${key}"`);
    }
  }
  const document = unescape(sections.document.join('\n'));
  const cursorAt = document.indexOf(CURSOR);
  if (cursorAt < 0 || document.indexOf(CURSOR, cursorAt + 1) >= 0) {
    throw new Error(`${file} / ${name}: the document needs exactly one ${CURSOR}`);
  }
  const mode = (meta.mode ?? 'singleLine') as CompletionMode;
  if (mode !== 'singleLine' && mode !== 'multiLine') throw new Error(`${file} / ${name}: bad mode ${mode}`);
  const indentMatch = /^(spaces|tabs)\s+(\d+)$/.exec(meta.indent ?? 'spaces 4');
  if (!indentMatch) throw new Error(`${file} / ${name}: indent must look like "spaces 4" or "tabs 4"`);
  const language = meta.language ?? '';
  return {
    file,
    name,
    language,
    context: createPostprocessContext({
      prefix: document.slice(0, cursorAt),
      suffix: document.slice(cursorAt + CURSOR.length),
      languageId: language,
      mode,
      maxLines: meta.maxLines === undefined ? undefined : Number(meta.maxLines),
      indent: { insertSpaces: indentMatch[1] === 'spaces', tabSize: Number(indentMatch[2]) },
      stops: meta.stops === undefined ? [] : (JSON.parse(meta.stops) as string[]),
    }),
    completion: unescape(sections.completion.join('\n')),
    expected: unescape(sections.expected.join('\n')),
  };
}

/** All cases of one golden file, e.g. `loadGoldenCases('limitToBlockScope')`. */
export function loadGoldenCases(name: string): GoldenCase[] {
  const file = path.join(GOLDEN_DIR, `${name}.txt`);
  const lines = fs.readFileSync(file, 'utf8').replace(/\r\n/g, '\n').split('\n');
  if (lines[lines.length - 1] === '') lines.pop(); // the file's own final newline
  const cases: GoldenCase[] = [];
  let caseName: string | undefined;
  let caseLines: string[] = [];
  for (const line of lines) {
    const header = /^=== case: (.+)$/.exec(line);
    if (header) {
      if (caseName !== undefined) cases.push(parseCase(name, caseName, caseLines));
      caseName = header[1].trim();
      caseLines = [];
    } else if (caseName !== undefined) {
      caseLines.push(line);
    }
  }
  if (caseName !== undefined) cases.push(parseCase(name, caseName, caseLines));
  return cases;
}

/** Names of all golden files (without `.txt`). */
export function goldenFileNames(): string[] {
  return fs
    .readdirSync(GOLDEN_DIR)
    .filter((file) => file.endsWith('.txt'))
    .map((file) => file.slice(0, -4))
    .sort();
}
