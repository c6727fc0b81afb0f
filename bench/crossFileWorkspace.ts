/**
 * The simulated editor state around a cross-file case, built the way the adapter
 * (src/adapter/contextSource.ts) builds its snapshot, but from files on disk:
 *
 *  - definitions: the names before the cursor (identifiersBeforeCursor, at most 5 looked up,
 *    as DefinitionGatherer does) resolved by the TypeScript language service; each snippet is
 *    the declaration's first 12 lines (6 when only the name's line is known);
 *  - open editors: the file being edited plus up to 3 files it imports (in import order) and 2
 *    other files of the package picked by a seeded generator — a developer usually has the
 *    modules they call into open, but not always the right one;
 *  - recent files: a ring with one edited range (5 lines at a seeded place) in a file the
 *    current one imports and 40-line viewed ranges in 3 seeded files of the package — what
 *    the user happened to look at, which holds the definition only by chance.
 *
 * Timings: `aheadMs` is the definition look-ups (done while typing, before the request);
 * the snapshot itself is what a keystroke pays.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ContextDocument, ContextSnippet, ContextSourceSwitches, WorkspaceContextSnapshot } from '../src/core/context/contextTypes';
import { identifiersBeforeCursor } from '../src/core/context/identifiers';
import { stableFingerprint } from '../src/core/inline/completionCacheKey';
import { CrossFileCase, definitionAt, PackageProject } from './crossFileCases';

export interface CaseWorkspace {
  definitions: ContextSnippet[];
  aheadMs: number;
  recentEdits: ContextSnippet[];
  recentViews: ContextDocument[];
  openEditors: ContextDocument[];
}

function seeded(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 0x100000000;
  };
}

const IMPORT = /(?:from\s+|require\(\s*|import\(\s*)['"](\.{1,2}\/[^'"]+)['"]/g;

function importedFiles(project: PackageProject, file: string, text: string): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(IMPORT)) {
    const base = path.resolve(path.dirname(file), match[1]);
    const candidates = [base, `${base}.ts`, `${base}.js`, path.join(base, 'index.ts'), path.join(base, 'index.js')];
    const hit = candidates.find((candidate) => project.files.includes(candidate));
    if (hit && hit !== file && !found.includes(hit)) found.push(hit);
  }
  return found;
}

export function caseWorkspace(project: PackageProject, testCase: CrossFileCase, index: number, now: () => number): CaseWorkspace {
  const file = path.join(project.root, testCase.file);
  const relative = (full: string): string => path.relative(project.root, full).split(path.sep).join('/');
  const read = (full: string): string => fs.readFileSync(full, 'utf8').replace(/\r\n/g, '\n');

  const started = now();
  const definitions: ContextSnippet[] = [];
  for (const { offset } of identifiersBeforeCursor(testCase.prefix, 3, 8).slice(0, 5)) {
    const found = definitionAt(project, file, offset);
    if (!found) continue;
    const end = found.endLine > found.startLine ? found.endLine : found.startLine + 5;
    const last = Math.min(end, found.startLine + 11, found.lines.length - 1);
    const text = found.lines.slice(found.startLine, last + 1).join('\n');
    if (text.trim() !== '') definitions.push({ kind: 'definition', path: relative(found.file), startLine: found.startLine, text });
  }
  const aheadMs = now() - started;

  const random = seeded(index * 7919 + 17);
  const others = project.files.filter((candidate) => candidate !== file);
  const pick = (): string => others[Math.floor(random() * others.length)];
  const imports = importedFiles(project, file, testCase.prefix + testCase.suffix);

  const tabs = [...imports.slice(0, 3), pick(), pick()].filter((full, i, all) => all.indexOf(full) === i);
  const openEditors: ContextDocument[] = tabs.map((full) => ({ kind: 'openEditor', path: relative(full), text: read(full) }));

  const recentEdits: ContextSnippet[] = [];
  const editFile = imports.length > 0 ? imports[Math.floor(random() * imports.length)] : pick();
  const editLines = read(editFile).split('\n');
  const editStart = Math.floor(random() * Math.max(1, editLines.length - 5));
  recentEdits.push({ kind: 'recentEdit', path: relative(editFile), startLine: editStart, text: editLines.slice(editStart, editStart + 5).join('\n') });
  const recentViews: ContextDocument[] = [pick(), pick(), pick()].map((full) => {
    const lines = read(full).split('\n');
    const start = Math.floor(random() * Math.max(1, lines.length - 40));
    return { kind: 'recentView', path: relative(full), text: lines.slice(start, start + 40).join('\n') };
  });
  return { definitions, aheadMs, recentEdits, recentViews, openEditors };
}

/** The snapshot a keystroke builds: a signature from identities, texts behind functions. */
export function snapshotOf(testCase: CrossFileCase, workspace: CaseWorkspace, switches: ContextSourceSwitches): WorkspaceContextSnapshot {
  const documents = [...(switches.openEditors ? workspace.openEditors : []), ...(switches.recentFiles ? workspace.recentViews : [])];
  const edits = switches.recentFiles ? workspace.recentEdits : [];
  const identity = [
    edits.map((snippet) => `${snippet.path}@1:${snippet.startLine}`).join(','),
    documents.map((document) => `${document.path}@1`).join(','),
  ].join('|');
  return {
    signature: identity === '|' ? '' : stableFingerprint(identity),
    repoName: testCase.package,
    currentPath: testCase.file.split(path.sep).join('/'),
    snippets: () => [...(switches.definitions ? workspace.definitions : []), ...edits],
    documents: () => documents,
  };
}
