/**
 * What workspace context is made of, with no editor types: snippets of other files that may
 * go into a ghost-text prompt, and the snapshot of them the adapter hands to the core.
 */

/** Where a snippet came from. Its order here is its priority in the prompt budget. */
export type ContextSourceKind = 'definition' | 'recentEdit' | 'openEditor' | 'recentView';

/** Highest priority first: what is dropped first when the budget is short is the last. */
export const CONTEXT_PRIORITY: readonly ContextSourceKind[] = Object.freeze([
  'definition',
  'recentEdit',
  'openEditor',
  'recentView',
]);

/** A piece of another file (or another part of this one) that may go into the prompt. */
export interface ContextSnippet {
  kind: ContextSourceKind;
  /** Workspace-relative path with `/` separators, as shown to the model. */
  path: string;
  /** 0-based first line of `text` in its file. */
  startLine: number;
  /** The snippet's lines (`\n` endings, no trailing newline needed). */
  text: string;
}

/** A whole document the similar-snippet ranking may take windows from (an open editor, a recently viewed file). */
export interface ContextDocument {
  kind: 'openEditor' | 'recentView';
  path: string;
  text: string;
}

/** Which sources the user allows (settings `cometComplete.context.*`). */
export interface ContextSourceSwitches {
  definitions: boolean;
  recentFiles: boolean;
  openEditors: boolean;
}

/**
 * Everything the adapter knows, frozen at the keystroke. `signature` names its content (it
 * goes into the cache key); `snippets` and `documents` are only read when a request is built,
 * after the debounce, so a keystroke pays for neither.
 */
export interface WorkspaceContextSnapshot {
  /**
   * Names the other files offered (paths, ranges, versions): changes when what the functions
   * below return changes, except for definitions, which follow from the names before the
   * cursor (the prefix, already in the cache key) and are read when the request is built.
   */
  signature: string;
  /** Name of the workspace folder, for formats that carry one (`<|repo_name|>`). */
  repoName: string;
  /** Workspace-relative path of the file being edited. */
  currentPath: string;
  /** Definitions and recent edits, best first within each kind. */
  snippets(): readonly ContextSnippet[];
  /** Documents to take similar windows from. */
  documents(): readonly ContextDocument[];
  /** Told which snippets went into a request (for the log: paths and character counts only). */
  noteUsed?(used: readonly ContextUsage[]): void;
}

/** One line of the log's "context" report: never the text. */
export interface ContextUsage {
  kind: ContextSourceKind;
  path: string;
  chars: number;
}
