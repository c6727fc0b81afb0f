import * as vscode from 'vscode';
import { ExclusionVerdict, SecretFileFilter } from '../core/exclusion/secretFiles';
import { SettingsSource } from './settingsSource';

/**
 * Whether a document is off limits (it looks like a secret, or is one of VS Code's own settings
 * files): ghost text and Complete Selection send nothing from it. Verdicts are kept per document
 * until the settings change (the inline provider asks on every keystroke).
 */
export class FileExclusion implements vscode.Disposable {
  private readonly filter = new SecretFileFilter();
  private verdicts = new Map<string, ExclusionVerdict>();
  private readonly subscription = vscode.workspace.onDidChangeConfiguration((event) => {
    if (event.affectsConfiguration('cometComplete.excludeFiles')) this.verdicts = new Map();
  });

  constructor(private readonly settings: SettingsSource) {}

  check(document: vscode.TextDocument): ExclusionVerdict {
    const id = document.uri.toString();
    const known = this.verdicts.get(id);
    if (known) return known;
    const patterns = this.settings.get({ uri: document.uri, languageId: document.languageId }).excludeFiles;
    const verdict = this.filter.verdict({ scheme: document.uri.scheme, path: document.uri.path }, patterns);
    if (this.verdicts.size > 256) this.verdicts.clear();
    this.verdicts.set(id, verdict);
    return verdict;
  }

  dispose(): void {
    this.subscription.dispose();
  }
}
