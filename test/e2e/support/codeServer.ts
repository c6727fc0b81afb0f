import { ChildProcess, spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { IsolatedDirs } from './isolatedDirs';
import { codeServerEntry } from './paths';
import { killGroupOnExit, stopProcessGroup } from './processGroup';
import { pollUntil } from './poll';

/**
 * User settings for runs driven by tests: nothing pops up over the editor, Tab accepts
 * ghost text (no suggest widget), and the saved file equals what was typed.
 */
export const TEST_USER_SETTINGS: Record<string, unknown> = {
  'editor.quickSuggestions': { other: 'off', comments: 'off', strings: 'off' },
  'editor.suggestOnTriggerCharacters': false,
  'editor.wordBasedSuggestions': 'off',
  'editor.parameterHints.enabled': false,
  'editor.autoClosingBrackets': 'never',
  'editor.autoClosingQuotes': 'never',
  'editor.autoClosingComments': 'never',
  'editor.autoSurround': 'never',
  'editor.autoIndent': 'none',
  'editor.formatOnType': false,
  'editor.acceptSuggestionOnEnter': 'off',
  'editor.inlineSuggest.enabled': true,
  'editor.minimap.enabled': false,
  'files.autoSave': 'off',
  'files.insertFinalNewline': false,
  'files.trimTrailingWhitespace': false,
  'remote.autoForwardPorts': false,
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'git.enabled': false,
  'git.autoRepositoryDetection': false,
  'npm.autoDetect': 'off',
  'typescript.tsserver.experimental.enableProjectDiagnostics': false,
  'window.restoreWindows': 'none',
};

export interface CodeServerOptions {
  dirs: IsolatedDirs;
  /** Written to the user settings.json before start. */
  userSettings?: Record<string, unknown>;
  /** Extra environment for code-server (it reaches the extension host). */
  env?: NodeJS.ProcessEnv;
  host?: string;
  /** 0 (default) lets the system choose. */
  port?: number;
  startTimeoutMs?: number;
  /**
   * Keep VS Code's workspace trust on (default off: `--disable-workspace-trust`). The opened
   * folder is then untrusted (Restricted Mode) and no trust dialog is shown.
   */
  workspaceTrust?: boolean;
}

/** User settings added for a run with workspace trust on: folders open untrusted, without asking. */
export const WORKSPACE_TRUST_USER_SETTINGS: Record<string, unknown> = {
  'security.workspace.trust.enabled': true,
  'security.workspace.trust.startupPrompt': 'never',
  'security.workspace.trust.banner': 'never',
  'security.workspace.trust.emptyWindow': false,
};

/** A code-server (a real VS Code: server, Node extension host, web workbench) in its own process group. */
export class CodeServer {
  private constructor(
    private readonly child: ChildProcess,
    readonly origin: string,
    readonly userDataDir: string,
    readonly extensionsDir: string,
    readonly logFile: string,
  ) {}

  /** Where code-server keeps its profile and extensions for a run in `dirs`. */
  static layout(dirs: IsolatedDirs): { userDataDir: string; extensionsDir: string; logFile: string } {
    return {
      userDataDir: path.join(dirs.root, 'user-data'),
      extensionsDir: path.join(dirs.root, 'extensions'),
      logFile: path.join(dirs.root, 'code-server.log'),
    };
  }

  /**
   * `code-server --install-extension <vsix> --extensions-dir <dirs>/extensions`, as a user installs a
   * package (in its own process group, bounded). Resolves the folder it was installed into,
   * `<extensionsDir>/<folderName>` (`<publisher>.<name>-<version>`), after checking that it holds a manifest.
   */
  static async installExtension(dirs: IsolatedDirs, vsix: string, folderName: string, timeoutMs = 60_000): Promise<string> {
    const { userDataDir, extensionsDir } = CodeServer.layout(dirs);
    fs.mkdirSync(extensionsDir, { recursive: true });
    const logFile = path.join(dirs.root, 'install-extension.log');
    const log = fs.openSync(logFile, 'a');
    const child = spawn(
      process.execPath,
      [codeServerEntry(), '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir, '--install-extension', vsix, '--force'],
      { cwd: dirs.root, env: dirs.env, detached: true, stdio: ['ignore', log, log] },
    );
    fs.closeSync(log);
    killGroupOnExit(child.pid!);
    const tail = () => fs.readFileSync(logFile, 'utf8').split('\n').slice(-20).join('\n');
    let timer: NodeJS.Timeout | undefined;
    const outcome = await Promise.race([
      new Promise<string>((resolve) => child.once('exit', (code, signal) => resolve(code === 0 ? 'ok' : `exit code ${code}, signal ${signal}`))),
      new Promise<string>((resolve) => (timer = setTimeout(() => resolve(`no exit within ${timeoutMs} ms`), timeoutMs))),
    ]);
    clearTimeout(timer);
    await stopProcessGroup(child.pid!, 1000);
    if (outcome !== 'ok') throw new Error(`code-server --install-extension ${vsix} failed (${outcome})\n--- ${logFile} ---\n${tail()}`);
    const folder = path.join(extensionsDir, folderName);
    const manifestFile = path.join(folder, 'package.json');
    if (!fs.existsSync(manifestFile)) {
      const found = fs.readdirSync(extensionsDir).join(', ') || 'nothing';
      throw new Error(`code-server --install-extension put no ${path.basename(folder)}/package.json into ${extensionsDir} (found: ${found})\n${tail()}`);
    }
    return folder;
  }

  static async start(options: CodeServerOptions): Promise<CodeServer> {
    const { dirs } = options;
    const { userDataDir, extensionsDir, logFile } = CodeServer.layout(dirs);
    fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
    fs.mkdirSync(extensionsDir, { recursive: true });
    fs.writeFileSync(
      path.join(userDataDir, 'User', 'settings.json'),
      JSON.stringify({ ...TEST_USER_SETTINGS, ...(options.workspaceTrust ? WORKSPACE_TRUST_USER_SETTINGS : {}), ...options.userSettings }, null, 2),
    );
    const host = options.host ?? '127.0.0.1';
    const log = fs.openSync(logFile, 'a');
    const child = spawn(
      process.execPath,
      [
        codeServerEntry(),
        '--auth', 'none',
        '--bind-addr', `${host}:${options.port ?? 0}`,
        '--disable-telemetry',
        '--disable-update-check',
        ...(options.workspaceTrust ? [] : ['--disable-workspace-trust']),
        '--disable-getting-started-override',
        '--disable-proxy',
        '--user-data-dir', userDataDir,
        '--extensions-dir', extensionsDir,
      ],
      { cwd: dirs.root, env: { ...dirs.env, ...options.env }, detached: true, stdio: ['ignore', log, log] },
    );
    fs.closeSync(log);
    killGroupOnExit(child.pid!);
    let exited: string | undefined;
    child.once('exit', (code, signal) => (exited = `code-server exited early (code ${code}, signal ${signal})`));

    const tail = () => fs.readFileSync(logFile, 'utf8').split('\n').slice(-25).join('\n');
    let origin = '';
    try {
      await pollUntil(
        async () => {
          if (exited) throw new Error(exited);
          if (!origin) {
            const m = /HTTP server listening on (http:\/\/[^\s/]+)/.exec(fs.readFileSync(logFile, 'utf8'));
            if (!m) return false;
            origin = m[1];
          }
          const res = await fetch(`${origin}/healthz`).catch(() => undefined);
          return res?.ok === true;
        },
        { timeoutMs: options.startTimeoutMs ?? 60_000, intervalMs: 100, what: 'code-server to answer /healthz' },
      );
    } catch (error) {
      await stopProcessGroup(child.pid!);
      throw new Error(`${(error as Error).message}\n--- ${logFile} (last lines) ---\n${tail()}`);
    }
    return new CodeServer(child, origin, userDataDir, extensionsDir, logFile);
  }

  /** `host:port`, the authority of `vscode-remote://` URIs for this server. */
  get authority(): string {
    return new URL(this.origin).host;
  }

  /** A `vscode-remote://` URI for a path on this machine, as the web workbench needs it. */
  remoteUri(fsPath: string): string {
    return `vscode-remote://${this.authority}${fsPath}`;
  }

  /** The workbench URL for a folder, with an optional development extension and tests module. */
  /** The workbench on `folder`, or on a workspace file when it ends in `.code-workspace`. */
  workbenchUrl(folder: string, dev?: { extensionPath: string; testsPath?: string }): string {
    const what = folder.endsWith('.code-workspace') ? 'workspace' : 'folder';
    let url = `${this.origin}/?${what}=${encodeURIComponent(folder)}`;
    if (dev) {
      const payload: [string, string][] = [['extensionDevelopmentPath', this.remoteUri(dev.extensionPath)]];
      if (dev.testsPath) payload.push(['extensionTestsPath', this.remoteUri(dev.testsPath)]);
      url += `&payload=${encodeURIComponent(JSON.stringify(payload))}`;
    }
    return url;
  }

  logTail(lines = 40): string {
    try {
      return fs.readFileSync(this.logFile, 'utf8').split('\n').slice(-lines).join('\n');
    } catch {
      return '';
    }
  }

  /** Stops code-server and everything it started (the extension host lingers after SIGTERM otherwise). */
  async stop(): Promise<void> {
    await stopProcessGroup(this.child.pid!);
  }
}
