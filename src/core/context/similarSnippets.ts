/**
 * Snippets of other documents that look like the code around the cursor, as Copilot's
 * "neighbouring tabs" finds them: every window of `windowLines` consecutive lines of each
 * document is scored by the Jaccard similarity of its identifier set with the identifiers
 * near the cursor; each document offers its best window; the best documents win.
 *
 * The window slides one line at a time with running counts, so a document costs one pass
 * over its identifiers whatever the window size.
 */
import type { ContextDocument, ContextSnippet } from './contextTypes';
import { identifiersIn, identifierSet } from './identifiers';

export interface SimilarSnippetOptions {
  /** Lines per window. */
  windowLines: number;
  /** Lines of the prefix (ending at the cursor) whose identifiers are compared. */
  referenceLines: number;
  /** Snippets returned at most (one per document). */
  maxSnippets: number;
  /** Windows scoring below this are not offered. */
  minScore: number;
  /** Lines of a document looked at (its first ones): a huge file costs no more than this. */
  maxDocumentLines: number;
}

export const DEFAULT_SIMILAR_SNIPPET_OPTIONS: Readonly<SimilarSnippetOptions> = Object.freeze({
  windowLines: 20,
  referenceLines: 20,
  maxSnippets: 4,
  minScore: 0.05,
  maxDocumentLines: 5000,
});

export interface ScoredSnippet extends ContextSnippet {
  /** Jaccard similarity with the reference, 0..1. */
  score: number;
}

/** The identifier set of the last `lines` lines of `prefix`. */
export function referenceIdentifiers(prefix: string, lines: number): Set<string> {
  let start = prefix.length;
  for (let seen = 0; seen < lines && start > 0; seen++) {
    start = prefix.lastIndexOf('\n', start - 1);
    if (start < 0) {
      start = 0;
      break;
    }
  }
  return identifierSet(prefix.slice(start));
}

/** Jaccard similarity of two sets (0 when both are empty). */
export function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 && b.size === 0) return 0;
  let shared = 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  for (const item of small) if (large.has(item)) shared++;
  return shared / (a.size + b.size - shared);
}

/** The best window of one document, or undefined when it has no identifiers in common. */
export function bestWindow(
  reference: ReadonlySet<string>,
  document: ContextDocument,
  options: Pick<SimilarSnippetOptions, 'windowLines' | 'maxDocumentLines'> = DEFAULT_SIMILAR_SNIPPET_OPTIONS,
): ScoredSnippet | undefined {
  if (reference.size === 0) return undefined;
  const lines = document.text.split('\n', Math.max(1, options.maxDocumentLines));
  const perLine = lines.map(identifiersIn);
  const size = Math.max(1, Math.min(Math.floor(options.windowLines), lines.length));
  const counts = new Map<string, number>();
  let shared = 0; // distinct identifiers of the window that are in the reference
  const add = (word: string): void => {
    const count = counts.get(word) ?? 0;
    counts.set(word, count + 1);
    if (count === 0 && reference.has(word)) shared++;
  };
  const remove = (word: string): void => {
    const count = counts.get(word) ?? 0;
    if (count <= 1) {
      counts.delete(word);
      if (reference.has(word)) shared--;
    } else counts.set(word, count - 1);
  };
  let best = -1;
  let bestStart = 0;
  for (let end = 0; end < lines.length; end++) {
    for (const word of perLine[end]) add(word);
    const start = end - size + 1;
    if (start < 0) continue;
    const score = shared === 0 ? 0 : shared / (counts.size + reference.size - shared);
    if (score > best) {
      best = score;
      bestStart = start;
    }
    for (const word of perLine[start]) remove(word);
  }
  if (best <= 0) return undefined;
  let text = lines.slice(bestStart, bestStart + size).join('\n');
  text = text.replace(/\s+$/, '');
  return { kind: document.kind, path: document.path, startLine: bestStart, text, score: best };
}

/** The best window of each document, best first, at most `maxSnippets`, none below `minScore`. */
export function rankSimilarSnippets(
  prefix: string,
  documents: readonly ContextDocument[],
  options: Partial<SimilarSnippetOptions> = {},
): ScoredSnippet[] {
  const settings = { ...DEFAULT_SIMILAR_SNIPPET_OPTIONS, ...options };
  const reference = referenceIdentifiers(prefix, settings.referenceLines);
  const found: ScoredSnippet[] = [];
  for (const document of documents) {
    const window = bestWindow(reference, document, settings);
    if (window && window.score >= settings.minScore) found.push(window);
  }
  // Stable: equal scores keep the documents' order (the adapter lists the most recent first).
  return found.sort((a, b) => b.score - a.score).slice(0, Math.max(0, settings.maxSnippets));
}
