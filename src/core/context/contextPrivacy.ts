/**
 * Which files may lend text to a prompt. Only files of the open workspace (the adapter checks
 * membership and passes the workspace-relative path; untitled buffers and files outside every
 * workspace folder never get here), and none that a glob excludes: VS Code's `files.exclude`
 * (patterns set to true), the user's secrets exclusion where one exists, and a built-in list
 * of files that commonly hold secrets (which no setting turns off).
 *
 * Globs are VS Code's glob syntax, relative to the workspace folder: `**`, `*`, `?`, `{a,b}`,
 * `[abc]`. A pattern that matches a folder excludes everything under it (`**\/node_modules`).
 */

/** Files that commonly hold keys and passwords: never context, whatever the settings say. */
export const BUILT_IN_SECRET_GLOBS: readonly string[] = Object.freeze([
  '**/.env',
  '**/.env.*',
  '**/*.pem',
  '**/*.key',
  '**/*.p12',
  '**/*.pfx',
  '**/id_rsa*',
  '**/id_ed25519*',
  '**/.npmrc',
  '**/.netrc',
  '**/.pypirc',
  '**/.git-credentials',
  '**/secrets.{json,yaml,yml,toml}',
  '**/credentials.json',
  '**/.aws/credentials',
  '**/.ssh/**',
]);

function escapeRegExp(text: string): string {
  return text.replace(/[.+^$()|\\/]/g, '\\$&');
}

/** A glob as an anchored, case-sensitive regular expression over a `/`-separated path. */
export function globToRegExp(glob: string): RegExp {
  let source = '';
  let inBraces = 0;
  for (let i = 0; i < glob.length; i++) {
    const char = glob[i];
    if (char === '*') {
      if (glob[i + 1] === '*') {
        // `**/` matches any number of folders (also none); a trailing `**` anything.
        if (glob[i + 2] === '/') {
          source += '(?:[^/]*/)*';
          i += 2;
        } else {
          source += '.*';
          i += 1;
        }
      } else source += '[^/]*';
    } else if (char === '?') source += '[^/]';
    else if (char === '{') {
      inBraces++;
      source += '(?:';
    } else if (char === '}' && inBraces > 0) {
      inBraces--;
      source += ')';
    } else if (char === ',' && inBraces > 0) source += '|';
    else if (char === '[') {
      const close = glob.indexOf(']', i + 1);
      if (close < 0) source += '\\[';
      else {
        const body = glob.slice(i + 1, close).replace(/\\/g, '\\\\');
        source += `[${body.startsWith('!') ? '^' + body.slice(1) : body}]`;
        i = close;
      }
    } else source += escapeRegExp(char);
  }
  while (inBraces-- > 0) source += ')';
  return new RegExp(`^${source}$`);
}

/** The exclusion globs of a `files.exclude`-like object: the keys set to `true` (`{ when }` clauses are skipped). */
export function enabledGlobs(setting: unknown): string[] {
  if (Array.isArray(setting)) return setting.filter((glob): glob is string => typeof glob === 'string' && glob !== '');
  if (typeof setting !== 'object' || setting === null) return [];
  return Object.entries(setting as Record<string, unknown>)
    .filter(([glob, on]) => on === true && glob !== '')
    .map(([glob]) => glob);
}

export class ContextExclusion {
  private readonly patterns: RegExp[];

  constructor(globs: readonly string[], includeBuiltIn = true) {
    const all = includeBuiltIn ? [...BUILT_IN_SECRET_GLOBS, ...globs] : [...globs];
    this.patterns = [];
    for (const glob of all) {
      try {
        this.patterns.push(globToRegExp(glob.replace(/^\.\//, '').replace(/\/+$/, '')));
      } catch {
        // A malformed pattern excludes nothing rather than breaking context for every file.
      }
    }
  }

  /** Whether the workspace-relative `path` (or a folder it is in) matches a pattern. */
  excludes(relativePath: string): boolean {
    const path = relativePath.replace(/\\/g, '/').replace(/^\/+/, '');
    const parts = path.split('/');
    for (let end = parts.length; end >= 1; end--) {
      const candidate = parts.slice(0, end).join('/');
      if (this.patterns.some((pattern) => pattern.test(candidate))) return true;
    }
    return false;
  }
}

/** What the adapter knows about a document offered as context. */
export interface ContextFileFacts {
  /** Workspace-relative path, or undefined when the document is in no workspace folder (or untitled). */
  relativePath: string | undefined;
}

export function isContextAllowed(facts: ContextFileFacts, exclusion: ContextExclusion): boolean {
  return facts.relativePath !== undefined && facts.relativePath !== '' && !exclusion.excludes(facts.relativePath);
}
