/**
 * Runs the end-to-end suite inside a real VS Code extension host: starts code-server, opens the
 * workbench in headless Chromium with the extension under development and the tests module
 * (test/e2e/host/index.ts) given through the `payload` URL parameter, relays the host's console,
 * and waits for the exit code. Writes the suite's counts to $COMET_RESULT_FILE (or --result).
 *
 *   node out/test/e2e/runHostSuite.js [--grep TEXT] [--timeout SECONDS] [--keep]
 *   (COMET_E2E_LAUNCHES="default restricted": which launches, see {@link Launch})
 */
import * as fs from 'fs';
import * as path from 'path';
import { format } from 'util';
import { launchChromium } from './support/browser';
import { CodeServer } from './support/codeServer';
import { SuiteResult } from './support/suiteResult';
import { makeIsolatedDirs } from './support/isolatedDirs';
import { repoRoot } from './support/paths';
import { writeMultiRootWorkspace } from './host/multiroot/workspaceFolders';
import { HOSTILE_WORKSPACE_SETTINGS } from './host/restricted/workspaceSettings';

interface Args {
  grep?: string;
  timeoutSeconds: number;
  keep: boolean;
  result?: string;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { timeoutSeconds: Number(process.env.COMET_E2E_HOST_TIMEOUT ?? 300), keep: false, result: process.env.COMET_RESULT_FILE };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--grep') args.grep = argv[++i];
    else if (a === '--timeout') args.timeoutSeconds = Number(argv[++i]);
    else if (a === '--keep') args.keep = true;
    else if (a === '--result') args.result = argv[++i];
    else throw new Error(`unknown argument ${a}`);
  }
  return args;
}

/**
 * The launches of the suite. `default`: workspace trust off (as most runs need: no Restricted
 * Mode), the tests in test/e2e/host/. `restricted`: workspace trust on and the opened folder
 * untrusted, holding a hostile `.vscode/settings.json`; the tests in test/e2e/host/restricted/.
 * `multiroot`: a `.code-workspace` with two folders, the second with folder settings
 * (multiroot/workspaceFolders.ts); the tests in test/e2e/host/multiroot/.
 * $COMET_E2E_LAUNCHES picks some (space-separated); all by default.
 */
type Launch = 'default' | 'restricted' | 'multiroot';
const LAUNCHES: readonly Launch[] = ['default', 'restricted', 'multiroot'];

function launchesToRun(): Launch[] {
  const wanted = (process.env.COMET_E2E_LAUNCHES ?? LAUNCHES.join(' ')).split(/\s+/).filter(Boolean);
  for (const name of wanted) if (!LAUNCHES.includes(name as Launch)) throw new Error(`unknown launch ${name} in COMET_E2E_LAUNCHES`);
  return wanted as Launch[];
}

/**
 * Whether a launch can hold a test the grep selects: its test sources contain text the pattern
 * matches (mocha matches titles, which are in the sources). Saves starting a code-server for
 * nothing when a grep names tests of one launch only.
 */
function launchMayMatch(launch: Launch, grep: string | undefined): boolean {
  if (!grep) return true;
  const dir = path.join(repoRoot, 'test', 'e2e', 'host', launch === 'default' ? '' : launch);
  let pattern: RegExp;
  try {
    pattern = new RegExp(grep);
  } catch {
    return true;
  }
  return fs
    .readdirSync(dir)
    .filter((file) => file.endsWith('.test.ts'))
    .some((file) => pattern.test(fs.readFileSync(path.join(dir, file), 'utf8')));
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const total: SuiteResult = { passes: 0, failures: 0, pending: 0, failed: [] };
  const grep = args.grep ?? (process.env.COMET_E2E_GREP || undefined);
  for (const launch of launchesToRun()) {
    if (!launchMayMatch(launch, grep)) {
      console.log(`[host] ${launch} launch skipped: no test there matches ${JSON.stringify(grep)}`);
      continue;
    }
    const result = await runLaunch(args, launch);
    total.passes += result.passes;
    total.failures += result.failures;
    total.pending += result.pending;
    total.failed.push(...result.failed.map((f) => (launch === 'default' ? f : { ...f, title: `[${launch}] ${f.title}` })));
  }
  if (args.result) fs.writeFileSync(args.result, JSON.stringify(total, null, 2));
  return total.failures > 0 ? 1 : 0;
}

async function runLaunch(args: Args, launch: Launch): Promise<SuiteResult> {
  const testsPath = path.join(repoRoot, 'out', 'test', 'e2e', 'host', 'index.js');
  const bundle = path.join(repoRoot, 'dist', 'extension.js');
  const started = Date.now();
  const harnessFailure = (message: string): SuiteResult => ({
    passes: 0,
    failures: 1,
    pending: 0,
    failed: [{ title: 'host suite harness', error: message }],
  });
  for (const needed of [testsPath, bundle]) {
    if (!fs.existsSync(needed)) {
      const message = `${path.relative(repoRoot, needed)} is missing: run \`npm run build\` first`;
      console.error(`[host] ${message}`);
      return harnessFailure(message);
    }
  }

  const restricted = launch === 'restricted';
  const dirs = makeIsolatedDirs(launch === 'default' ? 'host' : `host-${launch}`);
  const workspace = path.join(dirs.root, 'workspace');
  fs.mkdirSync(workspace, { recursive: true });
  if (restricted) {
    fs.mkdirSync(path.join(workspace, '.vscode'));
    fs.writeFileSync(path.join(workspace, '.vscode', 'settings.json'), JSON.stringify(HOSTILE_WORKSPACE_SETTINGS, null, 2));
  }
  // What the workbench opens: the folder, or (multiroot) a workspace file naming two folders.
  const opened = launch === 'multiroot' ? writeMultiRootWorkspace(workspace) : workspace;
  const innerResult = path.join(dirs.root, 'host-result.json');
  let server: CodeServer | undefined;
  let context: Awaited<ReturnType<typeof launchChromium>> | undefined;
  let failed = true;
  try {
    server = await CodeServer.start({
      dirs,
      workspaceTrust: restricted,
      env: {
        COMET_RESULT_FILE: innerResult,
        COMET_E2E_GREP: args.grep ?? process.env.COMET_E2E_GREP ?? '',
        COMET_E2E_USER_DATA_DIR: path.join(dirs.root, 'user-data'),
        COMET_E2E_WORKSPACE: workspace,
        COMET_E2E_LAUNCH: launch,
      },
    });
    console.log(`[host] ${launch} launch: code-server ${server.origin} up in ${Date.now() - started} ms`);
    context = await launchChromium(dirs);
    const page = context.pages()[0] ?? (await context.newPage());

    let resolveExit!: (code: number) => void;
    const exit = new Promise<number>((resolve) => (resolveExit = resolve));
    // The extension host's console arrives here (as with @vscode/test-web).
    await page.exposeFunction('codeAutomationLog', (type: string, logArgs: unknown[]) => {
      const text = format(...(Array.isArray(logArgs) ? logArgs : [logArgs]));
      // The workbench's own failed look-ups of the extension gallery (no internet here) are noise.
      if (/open-vsx\.org/.test(text)) return;
      (type === 'error' ? console.error : console.log)(text);
    });
    await page.exposeFunction('codeAutomationExit', (code: number) => resolveExit(code));
    page.on('pageerror', (error) => console.error(`[host] page error: ${error.message}`));

    await page.goto(server.workbenchUrl(opened, { extensionPath: repoRoot, testsPath }));
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), args.timeoutSeconds * 1000)));
    const code = await Promise.race([exit, timeout]);
    clearTimeout(timer);

    let result: SuiteResult;
    const inner: SuiteResult | undefined = fs.existsSync(innerResult) ? JSON.parse(fs.readFileSync(innerResult, 'utf8')) : undefined;
    if (code === 'timeout') {
      result = inner ?? { passes: 0, failures: 0, pending: 0, failed: [] };
      result.failures += 1;
      result.failed.push({
        title: 'host suite',
        error: `no exit code from the extension host within ${args.timeoutSeconds} s (is the tests module loading? see the code-server log)`,
      });
      console.error(`[host] timed out after ${args.timeoutSeconds} s; code-server log tail:\n${server.logTail()}`);
    } else if (!inner) {
      result = harnessFailure(`the extension host exited with code ${code} without writing results (the tests module failed to load?)`);
      console.error(`[host] ${result.failed[0].error}; code-server log tail:\n${server.logTail()}`);
    } else {
      result = inner;
      if (code !== 0 && result.failures === 0) {
        result.failures = 1;
        result.failed.push({ title: 'host suite', error: `extension host exit code ${code} with no failed test` });
      }
    }
    failed = result.failures > 0;
    console.log(`[host] ${launch} launch: ${result.passes} passed, ${result.failures} failed, ${result.pending} skipped in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return result;
  } catch (error) {
    const message = (error as Error).stack ?? String(error);
    console.error(`[host] ${message}`);
    return harnessFailure((error as Error).message);
  } finally {
    await context?.close().catch(() => undefined);
    await server?.stop();
    // Kept on failure (the path is printed) for the logs in it.
    dirs.dispose(args.keep || failed);
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
