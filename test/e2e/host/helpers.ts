/**
 * Helpers for the tests that run inside the VS Code extension host.
 *
 * The tests module lives inside the extension's folder, so `require('vscode')` here returns the
 * very API object the extension uses: replacing `vscode.window.showInputBox` (and the message and
 * progress functions) answers the extension's own prompts, without any test hook in src/.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { OpenAiTestServer } from '../../support/openAiTestServer';
import { pollUntil, sleep } from '../support/poll';

export { pollUntil, sleep };

export const EXTENSION_ID = 'comet-complete.comet-complete';
export const SECTION = 'cometComplete';

export async function activateExtension(): Promise<vscode.Extension<unknown>> {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(extension, `extension ${EXTENSION_ID} is not loaded in this extension host`);
  await extension.activate();
  return extension;
}

/* ---------------------------------------------------------------------------------------------
 * Settings
 * ------------------------------------------------------------------------------------------- */

/** Sets user (global) settings of the extension; undefined removes one. */
export async function setSettings(values: Record<string, unknown>): Promise<void> {
  const config = vscode.workspace.getConfiguration(SECTION);
  for (const [key, value] of Object.entries(values)) {
    await config.update(key, value, vscode.ConfigurationTarget.Global);
  }
}

/** Every user setting a test may change, put back to its default. */
export async function resetSettings(): Promise<void> {
  const keys = [
    'baseUrl', 'model', 'firstByteTimeoutSeconds', 'requestTimeoutSeconds', 'maxTokens', 'temperature', 'topP', 'n', 'stream', 'logprobs', 'stop',
    'useSuffix', 'inline.enabled', 'inline.languages', 'inline.debounceMs', 'inline.maxTokens', 'inline.candidates',
    'completeSelection.insertIntoEditor',
  ];
  await setSettings(Object.fromEntries(keys.map((k) => [k, undefined])));
}

/* ---------------------------------------------------------------------------------------------
 * The test server and API keys
 * ------------------------------------------------------------------------------------------- */

/**
 * Starts a loopback OpenAI-compatible server and points `cometComplete.baseUrl` at it.
 * With a key (the default), stores one for its origin through the extension's own command.
 */
/** Servers started by the current test; {@link useHostTestContext} closes them after it. */
const startedServers: OpenAiTestServer[] = [];

/** Closes a server the test started by other means after the test, like those of {@link startServer}. */
export function closeAfterTest<T extends OpenAiTestServer>(server: T): T {
  startedServers.push(server);
  return server;
}

export async function startServer(options: { key?: string | null } = {}): Promise<OpenAiTestServer> {
  const server = await OpenAiTestServer.start({ defaultText: ' // default completion' });
  startedServers.push(server);
  await setSettings({ baseUrl: server.baseUrl });
  const key = options.key === undefined ? `sk-e2e-${server.port}` : options.key;
  if (key !== null) {
    const saved = await vscode.commands.executeCommand('cometComplete.setApiKey', key);
    assert.strictEqual(saved, true, 'cometComplete.setApiKey(key) did not report success');
  }
  return server;
}

/* ---------------------------------------------------------------------------------------------
 * Answering the extension's prompts
 * ------------------------------------------------------------------------------------------- */

export interface ShownMessage {
  severity: 'information' | 'warning' | 'error';
  message: string;
  items: string[];
}

/** A `vscode.window.showQuickPick` call: its items (resolved) and options. */
export interface ShownQuickPick {
  items: vscode.QuickPickItem[];
  options?: vscode.QuickPickOptions;
}

/**
 * A quick pick made with `vscode.window.createQuickPick`: the real one (it shows in the workbench),
 * plus `accept(item)`, which makes `item` the active one and fires `onDidAccept` as Enter would.
 */
export interface CreatedQuickPick {
  readonly pick: vscode.QuickPick<vscode.QuickPickItem>;
  accept(item: vscode.QuickPickItem): void;
}

export interface ProgressRun {
  title?: string;
  cancellable: boolean;
  /** Cancels the run as the notification's Cancel button would. */
  cancel(): void;
  done: boolean;
}

/**
 * Replaces the prompts of `vscode.window` while installed: records every message and input box,
 * answers input boxes with `inputAnswers` (in order; undefined = Escape) and messages with
 * `answerMessage` (default: dismissed). `showQuickPick` is answered by `answerQuickPick` (default:
 * Escape); `createQuickPick` makes the real quick pick, recorded in `createdQuickPicks` for the
 * test to accept an item of. `withProgress` runs normally but can be cancelled.
 */
export class PromptStub {
  readonly messages: ShownMessage[] = [];
  readonly inputBoxes: vscode.InputBoxOptions[] = [];
  readonly quickPicks: ShownQuickPick[] = [];
  readonly createdQuickPicks: CreatedQuickPick[] = [];
  readonly progressRuns: ProgressRun[] = [];
  inputAnswers: (string | undefined)[] = [];
  answerMessage: (message: ShownMessage) => string | undefined = () => undefined;
  answerQuickPick: (shown: ShownQuickPick) => vscode.QuickPickItem | undefined = () => undefined;
  private readonly originals: Partial<Record<keyof typeof vscode.window, unknown>> = {};

  install(): this {
    const w = vscode.window as unknown as Record<string, unknown>;
    const message = (severity: ShownMessage['severity']) =>
      async (text: string, ...rest: unknown[]) => {
        const items = rest.filter((r) => typeof r === 'string' || (typeof r === 'object' && r !== null && 'title' in r));
        const shown: ShownMessage = {
          severity,
          message: text,
          items: items.map((i) => (typeof i === 'string' ? i : (i as vscode.MessageItem).title)),
        };
        this.messages.push(shown);
        const answer = this.answerMessage(shown);
        return answer === undefined ? undefined : items.find((i) => (typeof i === 'string' ? i : (i as vscode.MessageItem).title) === answer);
      };
    this.replace(w, 'showInformationMessage', message('information'));
    this.replace(w, 'showWarningMessage', message('warning'));
    this.replace(w, 'showErrorMessage', message('error'));
    this.replace(w, 'showInputBox', async (options: vscode.InputBoxOptions = {}) => {
      this.inputBoxes.push(options);
      const answer = this.inputAnswers.shift();
      if (answer !== undefined && options.validateInput) {
        const problem = await options.validateInput(answer);
        if (problem) throw new Error(`the input box refused the scripted answer: ${JSON.stringify(problem)}`);
      }
      return answer;
    });
    this.replace(w, 'showQuickPick', async (items: readonly (string | vscode.QuickPickItem)[] | Thenable<readonly (string | vscode.QuickPickItem)[]>, options?: vscode.QuickPickOptions) => {
      const raw = await items;
      const resolved = raw.map((item) => (typeof item === 'string' ? { label: item } : item));
      const shown: ShownQuickPick = { items: resolved, options };
      this.quickPicks.push(shown);
      const answer = this.answerQuickPick(shown);
      if (answer === undefined) return undefined;
      const index = resolved.indexOf(answer);
      assert.ok(index >= 0, `the scripted quick pick answer ${JSON.stringify(answer.label)} is not one of its items`);
      return raw[index];
    });
    const originalCreateQuickPick = vscode.window.createQuickPick.bind(vscode.window);
    this.replace(w, 'createQuickPick', () => {
      const pick = originalCreateQuickPick<vscode.QuickPickItem>();
      const accepted = new vscode.EventEmitter<void>();
      const onDidAccept: vscode.Event<void> = (listener, thisArgs, disposables) => {
        const both = vscode.Disposable.from(pick.onDidAccept(listener, thisArgs), accepted.event(listener, thisArgs));
        disposables?.push(both);
        return both;
      };
      const wrapped = new Proxy(pick, {
        get(target, property) {
          if (property === 'onDidAccept') return onDidAccept;
          if (property === 'dispose') return () => (accepted.dispose(), target.dispose());
          const value = Reflect.get(target, property, target);
          return typeof value === 'function' ? value.bind(target) : value;
        },
        set: (target, property, value) => Reflect.set(target, property, value, target),
      });
      this.createdQuickPicks.push({
        pick: wrapped,
        accept(item) {
          assert.ok(pick.items.includes(item), `cannot accept ${JSON.stringify(item.label)}: not an item of the quick pick`);
          pick.activeItems = [item];
          accepted.fire();
        },
      });
      return wrapped;
    });
    const originalWithProgress = vscode.window.withProgress.bind(vscode.window);
    this.replace(w, 'withProgress', (options: vscode.ProgressOptions, task: (p: unknown, t: vscode.CancellationToken) => Thenable<unknown>) => {
      const source = new vscode.CancellationTokenSource();
      const run: ProgressRun = { title: options.title, cancellable: !!options.cancellable, cancel: () => source.cancel(), done: false };
      this.progressRuns.push(run);
      return originalWithProgress(options, (progress, token) => {
        const sub = token.onCancellationRequested(() => source.cancel());
        return Promise.resolve(task(progress, source.token)).finally(() => {
          run.done = true;
          sub.dispose();
          source.dispose();
        });
      });
    });
    return this;
  }

  private replace(target: Record<string, unknown>, name: string, value: unknown): void {
    this.originals[name as keyof typeof vscode.window] = target[name];
    target[name] = value;
    assert.strictEqual(target[name], value, `could not replace vscode.window.${name}`);
  }

  uninstall(): void {
    const w = vscode.window as unknown as Record<string, unknown>;
    for (const [name, original] of Object.entries(this.originals)) w[name] = original;
  }

  /** Messages that ask for an API key (they offer "Set API Key"). */
  keyPrompts(): ShownMessage[] {
    return this.messages.filter((m) => m.items.includes('Set API Key') && /key/i.test(m.message));
  }
}

/* ---------------------------------------------------------------------------------------------
 * Editors
 * ------------------------------------------------------------------------------------------- */

let fileCounter = 0;
const createdFiles: vscode.Uri[] = [];

/** The opened folder (a temp folder in code-server runs). */
export function workspaceFolder(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  assert.ok(folder, 'the end-to-end tests need an opened folder');
  return folder;
}

/** Writes a new file into the workspace, opens it, and puts the cursor at its end (or at `|`). */
export async function openEditor(content: string, extension = 'ts'): Promise<vscode.TextEditor> {
  const cursor = content.indexOf('|');
  const text = cursor >= 0 ? content.slice(0, cursor) + content.slice(cursor + 1) : content;
  const uri = vscode.Uri.joinPath(workspaceFolder(), `e2e-${Date.now()}-${++fileCounter}.${extension}`);
  await vscode.workspace.fs.writeFile(uri, Buffer.from(text, 'utf8'));
  createdFiles.push(uri);
  const document = await vscode.workspace.openTextDocument(uri);
  const editor = await vscode.window.showTextDocument(document, { preview: false });
  const position = document.positionAt(cursor >= 0 ? cursor : text.length);
  editor.selection = new vscode.Selection(position, position);
  return editor;
}

/** Closes every editor without saving, and deletes the files that openEditor wrote. */
export async function closeAllEditors(): Promise<void> {
  for (let i = 0; i < 20 && vscode.window.visibleTextEditors.length > 0; i++) {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  for (const uri of createdFiles.splice(0)) {
    await vscode.workspace.fs.delete(uri).then(undefined, () => undefined);
  }
}

/** Types as a person would (through the editor's `type` command, so inline completion triggers). */
export async function typeText(text: string): Promise<void> {
  for (const ch of text) await vscode.commands.executeCommand('type', { text: ch });
}

/**
 * Alt+\\: asks for ghost text explicitly; resolves when the provider has answered. Any suggestion
 * already showing is hidden first, or VS Code would keep it instead of asking again.
 */
export async function triggerGhostText(): Promise<void> {
  await vscode.commands.executeCommand('editor.action.inlineSuggest.hide');
  await vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
}

/**
 * Accepts the ghost text (Tab's command) until the document holds `expected`; ghost text appears
 * asynchronously, so this polls (bounded).
 */
export async function commitGhostTextUntil(editor: vscode.TextEditor, expected: string, timeoutMs = 10_000): Promise<void> {
  await pollUntil(
    async () => {
      if (editor.document.getText() === expected) return true;
      await vscode.commands.executeCommand('editor.action.inlineSuggest.commit');
      return editor.document.getText() === expected;
    },
    {
      timeoutMs,
      intervalMs: 100,
      what: `the accepted ghost text to make the document ${JSON.stringify(expected)}`,
      detail: () => `document is ${JSON.stringify(editor.document.getText())}`,
    },
  );
}

/** Accepts whatever ghost text shows up (polling, bounded) and returns the document's new text. */
export async function acceptAnyGhostText(editor: vscode.TextEditor, timeoutMs = 10_000): Promise<string> {
  const before = editor.document.getText();
  await pollUntil(
    async () => {
      await vscode.commands.executeCommand('editor.action.inlineSuggest.commit');
      return editor.document.getText() !== before;
    },
    { timeoutMs, intervalMs: 100, what: 'ghost text to accept (the document never changed)' },
  );
  return editor.document.getText();
}

/** Replaces the whole document and puts the cursor at its end. */
export async function setDocumentText(editor: vscode.TextEditor, text: string): Promise<void> {
  const document = editor.document;
  await editor.edit((edit) => edit.replace(new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length)), text));
  const end = document.positionAt(text.length);
  editor.selection = new vscode.Selection(end, end);
}

/* ---------------------------------------------------------------------------------------------
 * Output channels
 * ------------------------------------------------------------------------------------------- */

function logRoots(): string[] {
  const roots = [process.env.COMET_E2E_USER_DATA_DIR, process.env.VSCODE_LOGS, path.resolve(__dirname, '../../../../.vscode-test')];
  return roots.filter((r): r is string => !!r && fs.existsSync(r));
}

function findFiles(dir: string, match: (name: string) => boolean, found: string[] = [], depth = 0): string[] {
  if (depth > 8) return found;
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return found;
  }
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) findFiles(full, match, found, depth + 1);
    else if (match(entry.name)) found.push(full);
  }
  return found;
}

/**
 * The text of an extension's output channel. VS Code's Node extension host writes each channel to
 * `<logs>/…/output_logging_<time>/<n>-<name>.log`; the newest such file is read.
 */
export function readOutputChannel(name: string): string {
  const files = logRoots().flatMap((root) => findFiles(root, (file) => file.replace(/^\d+-/, '') === `${name}.log`));
  if (files.length === 0) return '';
  files.sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs);
  return fs.readFileSync(files[0], 'utf8');
}

/* ---------------------------------------------------------------------------------------------
 * The per-test setup every host suite shares
 * ------------------------------------------------------------------------------------------- */

export interface HostTestContext {
  /** The extension's prompts, answered by the test; installed fresh for each test. */
  readonly stub: PromptStub;
}

export interface HostTestContextOptions {
  /** Runs first after each test, while the prompts are still stubbed. */
  beforeCleanup?: (context: HostTestContext) => Promise<void>;
  /** Reset the settings after each test too (suites that change them on purpose). */
  resetSettingsAfter?: boolean;
}

/**
 * Call inside `describe`: before each test the extension is active, settings are reset and its
 * prompts are stubbed; after it, prompts are restored, editors closed and every server the test
 * started with {@link startServer} is closed.
 */
export function useHostTestContext(options: HostTestContextOptions = {}): HostTestContext {
  const context = { stub: undefined as unknown as PromptStub };
  beforeEach(async () => {
    await activateExtension();
    await resetSettings();
    context.stub = new PromptStub().install();
  });
  afterEach(async () => {
    try {
      await options.beforeCleanup?.(context);
    } finally {
      context.stub.uninstall();
      await closeAllEditors();
      await Promise.all(startedServers.splice(0).map((server) => server.close()));
      if (options.resetSettingsAfter) await resetSettings();
    }
  });
  return context;
}
