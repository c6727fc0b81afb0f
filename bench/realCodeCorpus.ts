/**
 * The pinned corpus of the real-code benchmark (bench/realCode.bench.ts): source files nobody
 * here wrote, copied unchanged from packages on the build machine into bench/corpus/ (see its
 * MANIFEST.json for each file's origin, licence and SHA-256). Loading checks every hash, so a
 * run always measures the same text.
 */
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface CorpusFile {
  /** File name in bench/corpus/ (with its `.txt` guard suffix). */
  name: string;
  /** VS Code language id. */
  languageId: string;
  text: string;
  /** The editor's indentation for this file, as VS Code's `editor.detectIndentation` would find it. */
  indent: { insertSpaces: boolean; tabSize: number };
  /** One indentation level as written in the file (`'\t'` or N spaces). */
  unit: string;
}

interface ManifestEntry {
  file: string;
  language: string;
  sha256: string;
}

/** bench/corpus, resolved from the compiled out/bench/ as well as from the sources. */
export function corpusDir(): string {
  const fromOut = path.resolve(__dirname, '..', '..', 'bench', 'corpus');
  return fs.existsSync(fromOut) ? fromOut : path.resolve(__dirname, 'corpus');
}

/** Tabs or spaces, and the indent width: the most common positive step between consecutive indents. */
export function detectIndentation(text: string): { insertSpaces: boolean; unit: string; tabSize: number } {
  const lines = text.split('\n').filter((line) => line.trim() !== '');
  const tabbed = lines.filter((line) => line.startsWith('\t')).length;
  const spaced = lines.filter((line) => line.startsWith(' ')).length;
  if (tabbed > spaced) return { insertSpaces: false, unit: '\t', tabSize: 4 };
  const steps = new Map<number, number>();
  let previous = 0;
  for (const line of lines) {
    const width = /^ */.exec(line)![0].length;
    const step = width - previous;
    if (step > 0 && step <= 8) steps.set(step, (steps.get(step) ?? 0) + 1);
    previous = width;
  }
  const best = [...steps.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]?.[0] ?? 4;
  return { insertSpaces: true, unit: ' '.repeat(best), tabSize: best };
}

/** Every corpus file, hash-checked; throws when a file is missing or changed. */
export function loadCorpus(): CorpusFile[] {
  const dir = corpusDir();
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'MANIFEST.json'), 'utf8')) as { files: ManifestEntry[] };
  return manifest.files.map((entry) => {
    const bytes = fs.readFileSync(path.join(dir, entry.file));
    const sha256 = crypto.createHash('sha256').update(bytes).digest('hex');
    if (sha256 !== entry.sha256) throw new Error(`bench/corpus/${entry.file} changed: SHA-256 ${sha256}, MANIFEST.json pins ${entry.sha256}`);
    const text = bytes.toString('utf8').replace(/\r\n/g, '\n');
    const detected = detectIndentation(text);
    return {
      name: entry.file,
      languageId: entry.language,
      text,
      indent: { insertSpaces: detected.insertSpaces, tabSize: detected.tabSize },
      unit: detected.unit,
    };
  });
}
