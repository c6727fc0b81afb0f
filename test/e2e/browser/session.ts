/**
 * One real VS Code (code-server) with the extension installed from its package
 * (comet-complete.vsix, as a user installs it), a loopback OpenAI-compatible server, and headless
 * Chromium showing the workbench: the fixture of the browser suite, which then acts as a person
 * would (keyboard, mouse, what is on screen). Unlike the host suite it runs no development
 * extension: what runs is what `npm run package` built.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { BrowserContext, Locator, Page } from 'playwright-core';
import { OpenAiTestServer } from '../../support/openAiTestServer';
import { launchChromium } from '../support/browser';
import { CodeServer } from '../support/codeServer';
import { IsolatedDirs, makeIsolatedDirs } from '../support/isolatedDirs';
import { installedFolderName, repoRoot, screenshotDir } from '../support/paths';
import { pollUntil, sleep } from '../support/poll';

export { pollUntil, sleep };

/**
 * VS Code's own defaults (1.100, from its editorOptions.ts and editorConfigurationSchema.ts) for
 * the editor settings that the shared test settings (TEST_USER_SETTINGS) switch off: the browser
 * suite types as a user with a fresh VS Code does, with quick suggestions and the suggest widget,
 * parameter hints, auto-closing brackets and quotes, and auto-indent on.
 */
export const VSCODE_EDITOR_DEFAULTS: Readonly<Record<string, unknown>> = Object.freeze({
  'editor.quickSuggestions': { other: 'on', comments: 'off', strings: 'off' },
  'editor.suggestOnTriggerCharacters': true,
  'editor.wordBasedSuggestions': 'matchingDocuments',
  'editor.parameterHints.enabled': true,
  'editor.autoClosingBrackets': 'languageDefined',
  'editor.autoClosingQuotes': 'languageDefined',
  'editor.autoClosingComments': 'languageDefined',
  'editor.autoSurround': 'languageDefined',
  'editor.autoIndent': 'full',
  'editor.formatOnType': false,
  'editor.acceptSuggestionOnEnter': 'on',
});

export class WorkbenchSession {
  private constructor(
    readonly dirs: IsolatedDirs,
    readonly codeServer: CodeServer,
    readonly browser: BrowserContext,
    readonly page: Page,
    readonly api: OpenAiTestServer,
    readonly workspace: string,
    /** Where the .vsix was installed: `<extensions dir>/<publisher>.<name>-<version>`. */
    readonly installedExtension: string,
  ) {}

  /** The package the suite installs: $COMET_VSIX, or comet-complete.vsix at the root (`npm run package`). */
  static vsixPath(): string {
    return process.env.COMET_VSIX || path.join(repoRoot, 'comet-complete.vsix');
  }

  /**
   * `userSettings` go over VS Code's editor defaults ({@link VSCODE_EDITOR_DEFAULTS}) and the base URL.
   * `workspaceTrust`: keep VS Code's workspace trust on (see CodeServerOptions).
   */
  static async start(files: Record<string, string>, userSettings: Record<string, unknown> = {}, options: { workspaceTrust?: boolean } = {}): Promise<WorkbenchSession> {
    const vsix = WorkbenchSession.vsixPath();
    if (!fs.existsSync(vsix)) throw new Error(`${vsix} is missing: run \`npm run package\` first (npm test does)`);
    const bundle = path.join(repoRoot, 'dist', 'extension.js');
    if (fs.existsSync(bundle) && fs.statSync(bundle).mtimeMs > fs.statSync(vsix).mtimeMs + 1000) {
      console.warn(`[browser] ${path.basename(vsix)} is older than dist/extension.js: this run tests the older package (\`npm run package\` rebuilds it)`);
    }
    const dirs = makeIsolatedDirs('browser');
    const workspace = path.join(dirs.root, 'workspace');
    for (const [name, content] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(workspace, name)), { recursive: true });
      fs.writeFileSync(path.join(workspace, name), content);
    }
    const api = await OpenAiTestServer.start();
    let codeServer: CodeServer | undefined;
    let browser: BrowserContext | undefined;
    try {
      const installedExtension = await CodeServer.installExtension(dirs, vsix, installedFolderName());
      codeServer = await CodeServer.start({
        dirs,
        workspaceTrust: options.workspaceTrust,
        userSettings: { ...VSCODE_EDITOR_DEFAULTS, 'cometComplete.baseUrl': api.baseUrl, ...userSettings },
      });
      browser = await launchChromium(dirs, { width: 1280, height: 800 });
      const page = browser.pages()[0] ?? (await browser.newPage());
      page.setDefaultTimeout(15_000);
      const session = new WorkbenchSession(dirs, codeServer, browser, page, api, workspace, installedExtension);
      // No development extension and no tests module: the installed package is what runs.
      // The first load compiles the whole workbench; on a busy machine it takes longer than a click.
      await page.goto(codeServer.workbenchUrl(workspace), { timeout: 90_000 });
      await waitForState(page.locator('.monaco-workbench'), 'the workbench', { timeoutMs: 60_000 });
      // The extension is active once its status bar item is there.
      await waitForState(session.statusBarItem(), 'the Comet status bar item (the extension activated)', { timeoutMs: 60_000 });
      return session;
    } catch (error) {
      await browser?.close().catch(() => undefined);
      await codeServer?.stop();
      await api.close();
      dirs.dispose(true);
      throw error;
    }
  }

  async stop(keep = false): Promise<void> {
    await this.browser.close().catch(() => undefined);
    await this.codeServer.stop();
    await this.api.close();
    this.dirs.dispose(keep);
  }

  /**
   * The extension's status bar entry (created with the id `cometComplete.status`; the workbench
   * prefixes the extension id). Not found by its text: `setStatusBarMessage` also says "Comet".
   */
  statusBarItem(): Locator {
    return this.page.locator('.statusbar-item[id="comet-complete.comet-complete.cometComplete.status"]');
  }

  /**
   * Clicks the status bar item. When the click opens a menu (a quick pick), picks the entry whose
   * label matches `entry`; when it acts at once, there is nothing more to do.
   */
  async clickStatusBarItemFor(entry: RegExp): Promise<void> {
    const before = await this.statusBarItem().getAttribute('aria-label');
    await this.statusBarItem().click();
    await this.page.mouse.move(10, 10); // no hover left over the item
    const rows = this.page.locator('.quick-input-widget .quick-input-list .monaco-list-row');
    const opened = await pollUntil(
      async () => ((await this.page.locator('.quick-input-widget').isVisible()) ? 'menu' : (await this.statusBarItem().getAttribute('aria-label')) !== before ? 'acted' : ''),
      { timeoutMs: 10_000, what: 'the status bar click to open a menu or change the item' },
    );
    if (opened === 'acted') return;
    const labels = await pollUntil(async () => {
      const all = (await rows.allInnerTexts()).map((t) => t.replace(/\u00a0/g, ' ').trim());
      return all.length > 0 ? all : undefined;
    }, { what: 'the status menu entries' });
    const index = labels.findIndex((l) => entry.test(l));
    assert.ok(index >= 0, `no status menu entry matches ${entry}: ${JSON.stringify(labels)}`);
    await rows.nth(index).click();
    await waitForState(this.page.locator('.quick-input-widget'), 'the status menu to close', { state: 'hidden' });
  }

  /** Runs a command by its title from the command palette (F1), as a person would. */
  async runCommand(title: string): Promise<void> {
    const input = this.page.locator('.quick-input-widget .quick-input-box input');
    await this.page.keyboard.press('F1');
    await waitForState(input, 'the command palette');
    await input.fill(`>${title}`);
    const first = this.page.locator('.quick-input-widget .quick-input-list .monaco-list-row').first();
    await pollUntil(async () => ((await first.getAttribute('aria-label').catch(() => null)) ?? '').startsWith(title), {
      timeoutMs: 10_000,
      what: `"${title}" to be the first entry of the command palette`,
    });
    await this.page.keyboard.press('Enter');
  }

  /**
   * Opens a workspace file with Quick Open (Ctrl+P) and waits for its editor to have focus
   * (`focusEditor` false: only for its tab, as for a notebook, whose cells the caller clicks).
   */
  async openFile(name: string, focusEditor = true): Promise<Locator> {
    const input = this.page.locator('.quick-input-widget .quick-input-box input');
    await this.page.keyboard.press('Control+P');
    await waitForState(input, 'Quick Open');
    await input.fill(name);
    const first = this.page.locator('.quick-input-widget .quick-input-list .monaco-list-row').first();
    await pollUntil(async () => ((await first.getAttribute('aria-label').catch(() => null)) ?? '').includes(name), {
      timeoutMs: 10_000,
      what: `${name} in Quick Open`,
    });
    await this.page.keyboard.press('Enter');
    await waitForState(this.page.locator(`.tabs-container .tab.active[aria-label^="${name}"]`), `the active editor tab of ${name}`);
    if (!focusEditor) return this.page.locator('.editor-group-container.active');
    const editor = this.page.locator('.editor-group-container.active .monaco-editor').first();
    await editor.locator('textarea').focus();
    await waitForState(this.page.locator('.editor-group-container.active .monaco-editor.focused'), `the editor of ${name} to have the focus`);
    return editor;
  }

  /** The text of a notification toast that contains `text` (waits for it). */
  async waitForNotification(text: string | RegExp): Promise<string> {
    const toast = this.page.locator('.notifications-toasts .notification-toast').filter({ hasText: text }).first();
    await waitForState(toast, `a notification saying ${text}`);
    return (await toast.innerText()).replace(/\u00a0/g, ' ');
  }

  /**
   * A notification that contains `text`, as a toast or, once its toast has timed out, in the
   * notification center (opened for it). Waits for it (bounded).
   */
  async findNotification(text: string | RegExp, timeoutMs = 15_000): Promise<Locator> {
    const toast = this.page.locator('.notifications-toasts .notification-toast').filter({ hasText: text }).first();
    const listed = this.page.locator('.notifications-center .notification-list-item').filter({ hasText: text }).first();
    let opened = false;
    return pollUntil(
      async () => {
        if (await toast.isVisible()) return toast;
        if (await listed.isVisible()) return listed;
        if (!opened) {
          opened = true;
          await this.runCommand('Notifications: Show Notifications');
        }
        return undefined;
      },
      { timeoutMs, intervalMs: 200, what: `a notification saying ${text}`, detail: () => this.describeScreen() },
    );
  }

  /**
   * The notifications from `source` (the extension's display name), read from the notification
   * center (opened for it), which lists toasts that are showing and those that timed out.
   * Each as its aria-label ("<message>, source: <source> (Extension), notification").
   */
  async notificationsFrom(source: string): Promise<string[]> {
    const center = this.page.locator('.notifications-center');
    if (!(await center.isVisible())) await this.runCommand('Notifications: Show Notifications');
    await waitForState(center, 'the notification center');
    // The list rows carry the aria-label (the item inside them does not).
    const labels = await this.page
      .locator('.notifications-center .monaco-list-row')
      .evaluateAll((rows) => rows.map((row) => row.getAttribute('aria-label') ?? ''));
    if (labels.length === 0) throw new Error('the notification center lists nothing (not even the notifications this test saw)');
    return labels.filter((label) => label.includes(`source: ${source}`));
  }

  /**
   * Closes the notification center if it is open. "Notifications: Hide Notifications" is listed in
   * the command palette only while the center is visible, and the center can close on its own
   * between the check and the palette (focus moving back to an editor): so each round first asks
   * the center's own keybinding (Escape while it is visible), then the command, and re-checks.
   */
  async hideNotificationCenter(): Promise<void> {
    const center = this.page.locator('.notifications-center');
    const palette = this.page.locator('.quick-input-widget');
    let round = 0;
    await pollUntil(
      async () => {
        if (!(await center.isVisible())) return true;
        round++;
        if (round % 2 === 1) {
          await center.click({ position: { x: 10, y: 10 } }).catch(() => undefined);
          await this.page.keyboard.press('Escape');
        } else {
          await this.runCommand('Notifications: Hide Notifications').catch(async () => {
            if (await palette.isVisible()) await this.page.keyboard.press('Escape');
          });
        }
        return undefined;
      },
      { timeoutMs: 30_000, intervalMs: 500, what: 'the notification center to close', detail: () => this.describeScreen() },
    );
  }

  /** What is on screen, for failure messages: focus, the active editor's text, notifications, quick input, requests. */
  async describeScreen(): Promise<string> {
    const page = this.page;
    const focused = await page
      .evaluate(() => {
        const e = document.activeElement;
        if (!e) return 'nothing';
        const where = e.closest('.monaco-editor') ? ' in an editor' : e.closest('.quick-input-widget') ? ' in the quick input' : e.closest('.notifications-toasts, .notifications-center') ? ' in a notification' : '';
        return `<${e.tagName.toLowerCase()} class="${e.className}">${where}`;
      })
      .catch((error) => `? (${error})`);
    const texts = async (selector: string) => (await page.locator(selector).allInnerTexts().catch(() => [])).map((t) => t.replace(/\u00a0/g, ' ').replace(/\s+/g, ' ').trim());
    const editorText = (await texts('.editor-group-container.active .monaco-editor .view-lines')).join(' | ');
    return [
      `focus: ${focused}`,
      `active tab: ${JSON.stringify(await texts('.tabs-container .tab.active'))}`,
      `active editor shows: ${JSON.stringify(editorText.slice(0, 300))}`,
      `notifications: ${JSON.stringify(await texts('.notifications-toasts .notification-toast, .notifications-center .notification-list-item'))}`,
      `quick input visible: ${await page.locator('.quick-input-widget').isVisible().catch(() => '?')}`,
      `suggest widget visible: ${await page.locator('.editor-widget.suggest-widget.visible').isVisible().catch(() => '?')}`,
      `status bar item: ${JSON.stringify(await this.statusBarItem().getAttribute('aria-label').catch(() => null))}`,
      `${this.api.requests.length} request(s) reached the test server: ${JSON.stringify(this.api.requests.map((r) => `${r.method} ${r.url}`))}`,
      `request log:\n${this.requestLog()}`,
    ].join('\n');
  }

  /** The extension's request log ("Comet Complete Log" output channel) as written on disk. */
  requestLog(): string {
    const find = (dir: string): string | undefined => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) {
          const found = find(full);
          if (found) return found;
        } else if (entry.name === 'Comet Complete Log.log') return full;
      }
      return undefined;
    };
    const file = find(path.join(this.codeServer.userDataDir, 'logs'));
    return file ? fs.readFileSync(file, 'utf8') : '(no log file)';
  }

  /** User settings as written on disk by the workbench. */
  userSettings(): Record<string, unknown> {
    const file = path.join(this.codeServer.userDataDir, 'User', 'settings.json');
    const text = fs.readFileSync(file, 'utf8').replace(/^\s*\/\/.*$/gm, '');
    return JSON.parse(text.replace(/,(\s*[}\]])/g, '$1'));
  }

  /** Dismisses every notification toast (so that screenshots show the editor). */
  async clearNotifications(): Promise<void> {
    await this.runCommand('Notifications: Clear All Notifications');
    await waitForState(this.page.locator('.notifications-toasts .notification-toast'), 'the notifications to go', { state: 'hidden' });
  }

  /**
   * Saves a screenshot of the workbench to test-results/screenshots/ (git-ignored), so that a test run
   * leaves the tree clean. `npm run screenshots` copies them over the README's media/ after a green run.
   */
  async screenshot(name: string): Promise<void> {
    const dir = screenshotDir;
    fs.mkdirSync(dir, { recursive: true });
    await this.page.screenshot({ path: path.join(dir, name) });
  }
}

/** Waits (bounded) for a locator to reach a state; the error says what was awaited. */
export async function waitForState(
  locator: Locator,
  what: string,
  options: { state?: 'visible' | 'hidden' | 'attached'; timeoutMs?: number } = {},
): Promise<void> {
  const timeoutMs = options.timeoutMs ?? 15_000;
  try {
    await locator.first().waitFor({ state: options.state ?? 'visible', timeout: timeoutMs });
  } catch (error) {
    throw new Error(`timed out after ${timeoutMs} ms waiting for ${what} (${options.state ?? 'visible'}): ${(error as Error).message.split('\n')[0]}`);
  }
}

/** Text of an element as shown (non-breaking spaces, which VS Code renders, become spaces). */
export async function shownText(locator: Locator): Promise<string> {
  return (await locator.innerText()).replace(/\u00a0/g, ' ');
}
