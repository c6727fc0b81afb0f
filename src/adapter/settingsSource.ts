import * as vscode from 'vscode';
import { effectiveExcludePatterns } from '../core/exclusion/secretFiles';
import { CometSettings } from '../core/settings/cometSettings';
import { OldNameInUse, readWithRenames } from '../core/settings/renamedSettings';
import { isRestrictedSetting } from '../core/settings/restrictedSettings';
import { SCOPED_SETTINGS } from '../core/settings/scopedSettings';
import { SETTING_SECTION, SettingName } from '../core/settings/settingRules';
import { SettingProblem, formatProblem, validateSettings } from '../core/settings/settingsValidator';

/** What settings are read for: a document's URI (its folder in a multi-root workspace) and language. */
export interface SettingsScope {
  uri: vscode.Uri;
  languageId: string;
}

/** Most scopes kept validated at once (documents × languages); the cache starts afresh beyond it. */
const MAX_CACHED_SCOPES = 64;

/**
 * The live, validated settings, read in a document's scope so that `[python]`-style language
 * overrides and per-folder settings of a multi-root workspace apply. Validated once per
 * configuration change and scope, then served from memory (the inline provider asks on every
 * keystroke), so a change applies to the next request without reload; a refused value is
 * reported once and the last good value stays in use.
 *
 * In an untrusted workspace (Restricted Mode) the settings of
 * {@link import('../core/settings/restrictedSettings').RESTRICTED_SETTINGS} come from user
 * settings and defaults only, whatever the workspace (or its language sections) says; VS Code
 * drops most such values itself, this makes sure of all of them. Granting trust re-reads.
 *
 * A renamed setting still set only under its old name is read from there ({@link readWithRenames}).
 */
export class SettingsSource implements vscode.Disposable {
  private lastGood: CometSettings | undefined;
  private cache = new Map<string, CometSettings>();
  /** Problems reported since the last configuration change, and those before it. */
  private reported = new Set<string>();
  private reportedBefore = new Set<string>();
  private readonly subscriptions: vscode.Disposable[] = [
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration(SETTING_SECTION)) this.invalidate();
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(() => this.invalidate()),
  ];

  constructor(
    private readonly onProblems: (problems: SettingProblem[]) => void,
    private readonly onOldNameInUse: (use: OldNameInUse) => void = () => undefined,
  ) {}

  /** The settings for a document (its folder and language), or the window's without one. */
  get(scope?: SettingsScope): CometSettings {
    const key = scope ? `${scope.languageId}\u0000${scope.uri.toString()}` : '';
    return this.cache.get(key) ?? this.read(key, scope);
  }

  /** {@link get} for a document URI given as a string (the inline engine's document id). */
  getFor(documentId: string, languageId: string): CometSettings {
    const cached = this.cache.get(`${languageId}\u0000${documentId}`);
    if (cached) return cached;
    let uri: vscode.Uri;
    try {
      uri = vscode.Uri.parse(documentId, true);
    } catch {
      return this.get();
    }
    return this.get({ uri, languageId });
  }

  private invalidate(): void {
    this.cache = new Map();
    this.reportedBefore = this.reported;
    this.reported = new Set();
  }

  private read(key: string, scope: SettingsScope | undefined): CometSettings {
    const config = vscode.workspace.getConfiguration(SETTING_SECTION, scope ? { uri: scope.uri, languageId: scope.languageId } : undefined);
    // Window-scoped settings are read for the window (VS Code warns when one is read for a resource).
    const windowConfig = scope ? vscode.workspace.getConfiguration(SETTING_SECTION) : config;
    const configFor = (name: string) => (SCOPED_SETTINGS.has(name as SettingName) ? config : windowConfig);
    const trusted = vscode.workspace.isTrusted;
    const readOne = (name: string): unknown => {
      if (name === 'excludeFiles') return excludePatterns(configFor(name));
      const source = configFor(name);
      return trusted || !isRestrictedSetting(name) ? source.get(name) : userOrDefault(source, name);
    };
    const renamed = readWithRenames(readOne, (name) => userValue(configFor(name), name));
    const { settings, problems } = validateSettings((name: SettingName) => renamed.read(name), this.lastGood);
    for (const use of renamed.oldNamesInUse) this.onOldNameInUse(use);
    if (!scope) this.lastGood = settings;
    if (this.cache.size >= MAX_CACHED_SCOPES) this.cache.clear();
    this.cache.set(key, settings);
    const fresh = problems.filter((p) => {
      const id = p.setting + p.message;
      const isNew = !this.reported.has(id) && !this.reportedBefore.has(id);
      this.reported.add(id);
      return isNew;
    });
    if (fresh.length > 0) this.onProblems(fresh);
    return settings;
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
  }
}

/** A setting's value from user settings (its language section first) or the default, never a workspace's. */
function userOrDefault(config: vscode.WorkspaceConfiguration, name: string): unknown {
  const seen = config.inspect(name);
  if (!seen) return undefined;
  return seen.globalLanguageValue ?? seen.globalValue ?? seen.defaultLanguageValue ?? seen.defaultValue;
}

/** The user's own value of a setting, the most specific scope first; undefined when it is unset everywhere. */
function userValue(config: vscode.WorkspaceConfiguration, name: string): unknown {
  const seen = config.inspect(name);
  if (!seen) return undefined;
  return (
    seen.workspaceFolderLanguageValue ??
    seen.workspaceFolderValue ??
    seen.workspaceLanguageValue ??
    seen.workspaceValue ??
    seen.globalLanguageValue ??
    seen.globalValue
  );
}

/** `excludeFiles`: the user's list (or the default) plus what the workspace and folder add; never fewer. */
function excludePatterns(config: vscode.WorkspaceConfiguration): unknown {
  const seen = config.inspect<unknown>('excludeFiles');
  const values = [seen?.globalLanguageValue ?? seen?.globalValue, seen?.workspaceLanguageValue ?? seen?.workspaceValue, seen?.workspaceFolderLanguageValue ?? seen?.workspaceFolderValue];
  // A malformed value is reported by the validator as it is.
  const bad = values.find((v) => v !== undefined && (!Array.isArray(v) || v.some((p) => typeof p !== 'string')));
  if (bad !== undefined) return bad;
  const [userValue, workspaceValue, folderValue] = values as (string[] | undefined)[];
  return effectiveExcludePatterns({ defaultValue: seen?.defaultValue as string[] | undefined, userValue, workspaceValue, folderValue });
}

export async function showSettingProblems(problems: SettingProblem[]): Promise<void> {
  const first = problems[0];
  const more = problems.length > 1 ? ' ' + vscode.l10n.t('(and {0} more setting problems)', problems.length - 1) : '';
  const openSettings = vscode.l10n.t('Open Settings');
  const choice = await vscode.window.showWarningMessage(`Comet Complete: ${formatProblem(first)}${more}`, openSettings);
  if (choice === openSettings) {
    await vscode.commands.executeCommand('workbench.action.openSettings', first.setting);
  }
}
