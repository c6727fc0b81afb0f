import * as vscode from 'vscode';
import { ContextExclusion, enabledGlobs, isContextAllowed } from '../core/context/contextPrivacy';
import { SecretFileFilter } from '../core/exclusion/secretFiles';

/**
 * Which documents may lend text to a prompt, and the path the model sees for them: only
 * documents in a folder of the open workspace (never untitled buffers, never files outside
 * it), not hidden by that folder's `files.exclude`, not matched by `cometComplete.excludeFiles`
 * (the files ghost text never sends from, ../core/exclusion/secretFiles.ts), and never the
 * secret files of `BUILT_IN_SECRET_GLOBS` whatever that setting says. Answers are kept per URI
 * until the configuration or the workspace folders change.
 */
export class ContextFiles implements vscode.Disposable {
  private readonly exclusions = new Map<string, ContextExclusion>();
  /** Answers of {@link allowedPath} per URI (asked for every open editor on every keystroke). */
  private readonly answers = new Map<string, string | null>();
  private readonly subscriptions: vscode.Disposable[];

  private readonly secretFiles = new SecretFileFilter();

  constructor(
    /** The `cometComplete.excludeFiles` patterns in effect in a workspace folder. */
    private readonly excludeFilesIn: (folder: vscode.Uri) => readonly string[] = () => [],
  ) {
    this.subscriptions = [
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration('files.exclude') || event.affectsConfiguration('cometComplete')) this.forgetAnswers();
      }),
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.forgetAnswers()),
    ];
  }

  /** The workspace-relative path of an allowed document, or undefined when it may not be used. */
  allowedPath(uri: vscode.Uri): string | undefined {
    const key = uri.toString();
    const known = this.answers.get(key);
    if (known !== undefined) return known ?? undefined;
    const answer = this.decide(uri);
    if (this.answers.size > 500) this.answers.clear();
    this.answers.set(key, answer ?? null);
    return answer;
  }

  private decide(uri: vscode.Uri): string | undefined {
    if (uri.scheme === 'untitled') return undefined;
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    if (!folder) return undefined;
    if (this.secretFiles.verdict({ scheme: uri.scheme, path: uri.path }, this.excludeFilesIn(folder.uri)).excluded) return undefined;
    const relativePath = vscode.workspace.asRelativePath(uri, false);
    return isContextAllowed({ relativePath }, this.exclusionFor(folder)) ? relativePath : undefined;
  }

  /** The name of the document's workspace folder (the `<|repo_name|>` of repository formats). */
  repoName(uri: vscode.Uri): string {
    return vscode.workspace.getWorkspaceFolder(uri)?.name ?? vscode.workspace.name ?? '';
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
  }

  private forgetAnswers(): void {
    this.exclusions.clear();
    this.answers.clear();
  }

  private exclusionFor(folder: vscode.WorkspaceFolder): ContextExclusion {
    const key = folder.uri.toString();
    let exclusion = this.exclusions.get(key);
    if (!exclusion) {
      const filesExclude = vscode.workspace.getConfiguration('files', folder.uri).get<unknown>('exclude');
      exclusion = new ContextExclusion(enabledGlobs(filesExclude));
      this.exclusions.set(key, exclusion);
    }
    return exclusion;
  }
}
