import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/**
 * A throw-away root holding HOME, XDG folders and TMPDIR for code-server and Chromium,
 * so a run writes nothing outside temp folders.
 */
export interface IsolatedDirs {
  root: string;
  /** Environment for child processes: the current one with HOME, XDG_* and TMPDIR pointed inside root. */
  env: NodeJS.ProcessEnv;
  /** Deletes root (kept when keep is true or COMET_E2E_KEEP=1, and then its path is printed). */
  dispose(keep?: boolean): void;
}

export function makeIsolatedDirs(label: string): IsolatedDirs {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), `comet-e2e-${label}-`));
  const sub = (name: string) => {
    const dir = path.join(root, name);
    fs.mkdirSync(dir, { recursive: true });
    return dir;
  };
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    // Variables of an enclosing VS Code (when run from its terminal) would redirect the child.
    if (/^(VSCODE_|ELECTRON_)/.test(key)) continue;
    env[key] = value;
  }
  Object.assign(env, {
    HOME: sub('home'),
    XDG_CONFIG_HOME: sub('home/.config'),
    XDG_DATA_HOME: sub('home/.local/share'),
    XDG_CACHE_HOME: sub('home/.cache'),
    XDG_STATE_HOME: sub('home/.local/state'),
    XDG_RUNTIME_DIR: sub('run'),
    TMPDIR: sub('tmp'),
  });
  fs.chmodSync(path.join(root, 'run'), 0o700);
  return {
    root,
    env,
    dispose(keep = false) {
      if (keep || process.env.COMET_E2E_KEEP === '1') {
        console.error(`[e2e] kept ${root}`);
        return;
      }
      fs.rmSync(root, { recursive: true, force: true, maxRetries: 3 });
    },
  };
}
