import * as fs from 'fs';
import * as path from 'path';

/** The repository root: the nearest folder above this file holding the extension's package.json. */
export const repoRoot: string = (() => {
  let dir = __dirname;
  for (;;) {
    const manifest = path.join(dir, 'package.json');
    if (fs.existsSync(manifest) && JSON.parse(fs.readFileSync(manifest, 'utf8')).name === 'comet-complete') return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`no comet-complete package.json above ${__dirname}`);
    dir = parent;
  }
})();

/**
 * Where the browser suite saves its screenshots: test-results/screenshots/ (git-ignored), so that
 * `npm test` leaves the tree clean. `npm run screenshots` copies them into media/ for the README.
 */
export const screenshotDir: string = path.join(repoRoot, 'test-results', 'screenshots');

export const CODE_SERVER_VERSION = process.env.CODE_SERVER_VERSION ?? '4.100.3';

/** code-server's Node entry point, installed by scripts/e2e/lib.sh (or given by CODE_SERVER_ENTRY). */
export function codeServerEntry(): string {
  const entry =
    process.env.CODE_SERVER_ENTRY ??
    path.join(repoRoot, '.code-server', CODE_SERVER_VERSION, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
  if (!fs.existsSync(entry)) {
    throw new Error(`code-server is not installed at ${entry}. Run \`npm test\` or \`npm run try\` once; they install it.`);
  }
  return entry;
}

export function chromiumPath(): string {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean) as string[];
  const found = candidates.find((p) => fs.existsSync(p));
  if (!found) throw new Error(`no Chromium found (tried ${candidates.join(', ')}); apt-get install chromium, or set CHROMIUM_PATH`);
  return found;
}

/** The extension's own manifest, for tests that compare against what it declares. */
export function manifest(): {
  name: string;
  publisher: string;
  version: string;
  contributes: { commands: { command: string; title: string; category?: string }[]; configuration: { properties: Record<string, unknown> }[] };
} {
  return JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
}

/** The folder `code-server --install-extension` installs this extension's package into: `<publisher>.<name>-<version>`. */
export function installedFolderName(): string {
  const { publisher, name, version } = manifest();
  return `${publisher}.${name}-${version}`.toLowerCase();
}
