/**
 * Files that look like secrets: ghost text and Complete Selection send nothing from them.
 *
 * `cometComplete.excludeFiles` holds the globs. Its default is {@link DEFAULT_EXCLUDED_FILES};
 * your user setting replaces that list (so you can drop a default you do not want), while a
 * workspace or folder setting only adds to it: a repository can exclude more files, never fewer.
 *
 * Decided beyond the globs:
 *  - VS Code's own files (user `settings.json`, `keybindings.json`, snippets, profiles: the
 *    `vscode-userdata` scheme, or a plain `…/User/settings.json` file in remote windows) are excluded: they hold proxy credentials and other extensions'
 *    tokens, and nobody needs ghost text there.
 *  - Untitled buffers get ghost text: they have no name to judge by, and they are where a new
 *    user tries the extension. A buffer holding a pasted secret can be turned off like any file
 *    with the status menu (per language) or by snoozing.
 */
import { CompiledGlob, compileGlob } from './globPattern';

/** Keys, certificates, dotenv files, package-manager and cloud credentials. */
export const DEFAULT_EXCLUDED_FILES: readonly string[] = [
  '.env',
  '.env.*',
  '*.env',
  '.envrc',
  '*.pem',
  '*.key',
  '*.p12',
  '*.pfx',
  '*.jks',
  '*.keystore',
  '*.asc',
  '*.gpg',
  'id_rsa*',
  'id_dsa*',
  'id_ecdsa*',
  'id_ed25519*',
  '.npmrc',
  '.yarnrc.yml',
  '.pypirc',
  '.netrc',
  '_netrc',
  '.pgpass',
  '.git-credentials',
  '.htpasswd',
  'credentials*',
  '*.credentials',
  'secrets.*',
  '*.secret',
  '*.secrets',
  '.aws/config',
  '.docker/config.json',
  '.kube/config',
  '*.tfvars',
  '*.tfstate',
  '*.tfstate.*',
];

/** URI schemes never sent from. */
export const EXCLUDED_SCHEMES: readonly string[] = ['vscode-userdata'];

/**
 * VS Code's own settings files where they are plain files: in a remote window, code-server or a
 * portable install the user's `settings.json` is `file:` `…/User/settings.json` (seen in
 * code-server 4.100.3), a profile's is `…/User/profiles/<id>/settings.json`, a remote machine's
 * `…/Machine/settings.json`.
 */
const VSCODE_SETTINGS_FILE = /\/(?:User|Machine)\/(?:profiles\/[^/]+\/)?(?:settings|keybindings|tasks|mcp)\.json$/i;

export interface FileFacts {
  scheme: string;
  /** The URI's path (forward slashes). */
  path: string;
}

export type ExclusionVerdict = { excluded: false } | { excluded: true; reason: string };

/** The patterns in effect: the user's list (or the default), plus what workspace and folder add. */
export function effectiveExcludePatterns(values: {
  defaultValue?: readonly string[];
  userValue?: readonly string[];
  workspaceValue?: readonly string[];
  folderValue?: readonly string[];
}): string[] {
  const base = values.userValue ?? values.defaultValue ?? DEFAULT_EXCLUDED_FILES;
  const all = [...base, ...(values.workspaceValue ?? []), ...(values.folderValue ?? [])];
  return [...new Set(all.filter((p) => typeof p === 'string' && p.trim() !== ''))];
}

/** Decides for one file; compiled globs are kept per pattern list. */
export class SecretFileFilter {
  private compiled: CompiledGlob[] = [];
  private forPatterns: readonly string[] | undefined;

  verdict(file: FileFacts, patterns: readonly string[]): ExclusionVerdict {
    if (EXCLUDED_SCHEMES.includes(file.scheme) || VSCODE_SETTINGS_FILE.test(file.path)) {
      return { excluded: true, reason: "VS Code's own settings files are never sent" };
    }
    if (file.scheme === 'untitled') return { excluded: false };
    if (patterns !== this.forPatterns) {
      this.compiled = patterns.map(compileGlob);
      this.forPatterns = patterns;
    }
    const hit = this.compiled.find((glob) => glob.test(file.path));
    return hit ? { excluded: true, reason: `the file matches “${hit.pattern}” in cometComplete.excludeFiles` } : { excluded: false };
  }
}
