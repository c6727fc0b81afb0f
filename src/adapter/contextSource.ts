import * as vscode from 'vscode';
import { stableFingerprint } from '../core/inline/completionCacheKey';
import type { ContextDocument, ContextSnippet, ContextUsage, WorkspaceContextSnapshot } from '../core/context/contextTypes';
import { RecentRangeRing } from '../core/context/recentRanges';
import type { CometSettings } from '../core/settings/cometSettings';
import { ContextFiles } from './contextFiles';
import { DefinitionGatherer } from './contextDefinitions';

const EDIT_CONTEXT_LINES = 3;
const EDIT_MAX_LINES = 20;
const RECENT_EDITS_OFFERED = 3;
const RECENT_VIEWS_OFFERED = 4;
const OPEN_EDITORS_OFFERED = 8;
const VIEW_MAX_LINES = 60;
const RANKED_MAX_LINES = 5000;

interface Offered {
  document: vscode.TextDocument;
  version: number;
  path: string;
}

/**
 * Workspace context for ghost text. Listens to the editor — edits and views go into a ring,
 * definitions are gathered ahead for the cursor — and hands the engine, per keystroke, a
 * {@link WorkspaceContextSnapshot}: a signature of the other files it offers (identities:
 * paths, lines, versions) and functions that read the texts only when a request is built.
 * Only files {@link ContextFiles} allows; each source only when its setting is on. The log
 * gets the paths and sizes of what went in, never the text.
 */
export class WorkspaceContextSource implements vscode.Disposable {
  private readonly files: ContextFiles;
  private readonly ring = new RecentRangeRing(16);
  private readonly definitions: DefinitionGatherer;
  private readonly subscriptions: vscode.Disposable[] = [];
  private lastLogged = '';

  constructor(
    private readonly settings: () => CometSettings,
    private readonly log: (line: string) => void,
    /** The `cometComplete.excludeFiles` patterns in effect in a workspace folder. */
    excludeFilesIn: (folder: vscode.Uri) => readonly string[] = () => [],
  ) {
    this.files = new ContextFiles(excludeFilesIn);
    this.definitions = new DefinitionGatherer(this.files);
    this.subscriptions.push(
      this.files,
      this.definitions,
      vscode.workspace.onDidChangeTextDocument((event) => this.edited(event)),
      vscode.window.onDidChangeTextEditorSelection((event) => this.moved(event.textEditor)),
      vscode.window.onDidChangeTextEditorVisibleRanges((event) => this.viewed(event.textEditor)),
      vscode.window.onDidChangeActiveTextEditor((editor) => editor && this.viewed(editor)),
      vscode.workspace.onDidCloseTextDocument((document) => {
        this.ring.forget(document.uri.toString());
        this.definitions.forget(document.uri.toString());
      }),
    );
  }

  /** The context ready for the cursor in `document`, or undefined when every source is off or the file is not in the workspace. */
  snapshot(document: vscode.TextDocument, prefix: string, position?: vscode.Position): WorkspaceContextSnapshot | undefined {
    const { context: switches } = this.settings();
    if (!switches.definitions && !switches.recentFiles && !switches.openEditors) return undefined;
    // Every ghost-text call also asks for the definitions around it (ready for the next one, or
    // for this one's request when the look-up beats the debounce); a pending gather is replaced.
    if (switches.definitions && position) this.definitions.schedule(document, position);
    const currentPath = this.files.allowedPath(document.uri) ?? vscode.workspace.asRelativePath(document.uri, false);
    const documentId = document.uri.toString();

    const edits = switches.recentFiles ? this.recentEdits(documentId) : [];
    const views = switches.recentFiles ? this.recentViews(documentId) : [];
    const tabs = switches.openEditors ? this.openEditors(documentId) : [];

    // Definitions are left out: they follow from the names before the cursor (the prefix, which
    // the cache key holds) and are read when the request is built, so those gathered during the
    // debounce go in too, and typing on does not change the signature as names resolve.
    const identity = [
      edits.map(({ offered, start, end }) => `${offered.path}@${offered.version}:${start}-${end}`).join(','),
      views.map((offered) => `${offered.path}@${offered.version}`).join(','),
      tabs.map((offered) => `${offered.path}@${offered.version}`).join(','),
    ].join('|');
    const readable = (offered: Offered): boolean => !offered.document.isClosed && offered.document.version === offered.version;
    return {
      signature: identity === '||' ? '' : stableFingerprint(identity),
      repoName: this.files.repoName(document.uri),
      currentPath,
      snippets: (): ContextSnippet[] => [
        ...(switches.definitions ? this.definitions.ready(documentId, prefix) : []),
        ...edits.filter(({ offered }) => readable(offered)).map(({ offered, start, end }) => ({
          kind: 'recentEdit' as const,
          path: offered.path,
          startLine: start,
          text: offered.document.getText(new vscode.Range(start, 0, end + 1, 0)).replace(/\r\n/g, '\n').replace(/\n$/, ''),
        })),
      ],
      documents: (): ContextDocument[] => [
        ...tabs.filter(readable).map((offered) => ({ kind: 'openEditor' as const, path: offered.path, text: textOf(offered.document) })),
        ...views.filter(readable).map((offered) => ({ kind: 'recentView' as const, path: offered.path, text: textOf(offered.document) })),
      ],
      noteUsed: (used) => this.logUsed(currentPath, used),
    };
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
  }

  private edited(event: vscode.TextDocumentChangeEvent): void {
    if (event.contentChanges.length === 0 || !this.settings().context.recentFiles && !this.settings().context.definitions) return;
    const documentId = event.document.uri.toString();
    if (this.settings().context.recentFiles && this.files.allowedPath(event.document.uri) !== undefined) {
      for (const change of event.contentChanges) {
        const added = change.text.split('\n').length - 1;
        this.ring.add({ kind: 'edit', documentId, startLine: change.range.start.line, endLine: change.range.start.line + added });
      }
    }
    const editor = vscode.window.visibleTextEditors.find((candidate) => candidate.document === event.document);
    if (editor && this.settings().context.definitions) this.definitions.schedule(event.document, editor.selection.active);
  }

  private moved(editor: vscode.TextEditor): void {
    if (editor.document.uri.scheme === 'output' || !this.settings().context.definitions) return;
    this.definitions.schedule(editor.document, editor.selection.active);
  }

  private viewed(editor: vscode.TextEditor): void {
    if (!this.settings().context.recentFiles || editor.visibleRanges.length === 0) return;
    if (this.files.allowedPath(editor.document.uri) === undefined) return;
    const first = editor.visibleRanges[0].start.line;
    const last = Math.min(editor.visibleRanges[editor.visibleRanges.length - 1].end.line, first + VIEW_MAX_LINES - 1);
    this.ring.add({ kind: 'view', documentId: editor.document.uri.toString(), startLine: first, endLine: last });
  }

  private offered(documentId: string): Offered | undefined {
    const document = vscode.workspace.textDocuments.find((candidate) => candidate.uri.toString() === documentId);
    if (!document) return undefined;
    const path = this.files.allowedPath(document.uri);
    return path === undefined ? undefined : { document, version: document.version, path };
  }

  private recentEdits(currentId: string): Array<{ offered: Offered; start: number; end: number }> {
    const found: Array<{ offered: Offered; start: number; end: number }> = [];
    for (const range of this.ring.list('edit')) {
      if (range.documentId === currentId) continue;
      const offered = this.offered(range.documentId);
      if (!offered) continue;
      const start = Math.max(0, range.startLine - EDIT_CONTEXT_LINES);
      const end = Math.min(offered.document.lineCount - 1, range.endLine + EDIT_CONTEXT_LINES, start + EDIT_MAX_LINES - 1);
      found.push({ offered, start, end });
      if (found.length >= RECENT_EDITS_OFFERED) break;
    }
    return found;
  }

  private recentViews(currentId: string): Offered[] {
    const seen = new Set<string>([currentId]);
    const found: Offered[] = [];
    for (const range of this.ring.list('view')) {
      if (seen.has(range.documentId)) continue;
      seen.add(range.documentId);
      const offered = this.offered(range.documentId);
      if (offered) found.push(offered);
      if (found.length >= RECENT_VIEWS_OFFERED) break;
    }
    return found;
  }

  private openEditors(currentId: string): Offered[] {
    const seen = new Set<string>([currentId]);
    const found: Offered[] = [];
    const consider = (uri: vscode.Uri): void => {
      const id = uri.toString();
      if (seen.has(id) || found.length >= OPEN_EDITORS_OFFERED) return;
      seen.add(id);
      const offered = this.offered(id);
      if (offered) found.push(offered);
    };
    for (const editor of vscode.window.visibleTextEditors) consider(editor.document.uri);
    for (const group of vscode.window.tabGroups.all) {
      for (const tab of group.tabs) if (tab.input instanceof vscode.TabInputText) consider(tab.input.uri);
    }
    return found;
  }

  private logUsed(currentPath: string, used: readonly ContextUsage[]): void {
    const line =
      used.length === 0
        ? ''
        : `Context for ${currentPath}: ` + used.map((entry) => `${entry.path} (${entry.kind}, ${entry.chars} chars)`).join(', ');
    if (line === '' || line === this.lastLogged) return;
    this.lastLogged = line;
    this.log(line);
  }
}

/** The text similarity ranking looks at: the first lines of a long document only. */
function textOf(document: vscode.TextDocument): string {
  const text = document.lineCount > RANKED_MAX_LINES ? document.getText(new vscode.Range(0, 0, RANKED_MAX_LINES, 0)) : document.getText();
  return text.replace(/\r\n/g, '\n');
}
