/**
 * Ghost text on real code in the real editor (issue 15): the real-code benchmark's cases
 * (bench/realCode.bench.ts) done by a person in VS Code (code-server, headless Chromium) at VS
 * Code's default editor settings — auto-closing brackets and quotes, auto-indent, the suggest
 * widget, workspace trust on (the folder trusted in the dialog, as a person does).
 *
 * For each case of a seeded sample (realCodeCases.ts: at least one per artifact and per cut
 * kind), the file as it stood before the person's last keystrokes is opened, they type them (the
 * opener that VS Code auto-closes and auto-indents, a word, …; or ask for a suggestion), the
 * scripted model (bench/realCodeServer.ts) answers the cursor point's request with the truth plus
 * the case's artifact, the ghost text is accepted with Tab, and the saved file is judged like the
 * benchmark judges the ghost text (exact/short/survived/nothing/wrong).
 *
 * Fails on any survived or wrong case, and when exact < 95 % or nothing > 2 %. No timing
 * assertion: ghost text is polled for with generous timeouts.
 *
 *   COMET_REALCODE_CASES=200 (default 25), COMET_REALCODE_SEED=15: a larger sample, by hand.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { ARTIFACTS } from '../../../bench/realCodeArtifacts';
import { CUT_KINDS } from '../../../bench/realCodeCuts';
import { Outcome, outcomeTable, percent } from '../../../bench/realCodeOutcome';
import { scriptedAnswer } from '../../../bench/realCodeServer';
import type { RecordedRequest } from '../../support/openAiTestServer';
import { EditorCase, editorCases, outcomeOf } from './realCodeCases';
import { WorkbenchSession, pollUntil, sleep, waitForState } from './session';

const COUNT = Number(process.env.COMET_REALCODE_CASES || 25);
const SEED = Number(process.env.COMET_REALCODE_SEED || 15);
const WARM_UP = ['warm-up.ts', 'warm-up.js', 'warm-up.py'];
/** One-line answers right after a `(` that auto-closing closed (issue 15's known gap). */
const AFTER_BRACKET_DECLARATIONS = 'declare const items: { count(): number; filter(f: (x: { ok: boolean }) => boolean): unknown[] };\ndeclare function count(...values: unknown[]): number;\n';
const AFTER_BRACKET = [
  { typed: 'if (items.count(', answer: ') > 0) {', expected: 'if (items.count() > 0) {' },
  { typed: 'if (count(', answer: 'a) > 0)', expected: 'if (count(a) > 0)' },
  { typed: 'const n = count(', answer: 'items) + 1;', expected: 'const n = count(items) + 1;' },
  { typed: 'console.log(count(', answer: 'items.filter((x) => x.ok)));', expected: 'console.log(count(items.filter((x) => x.ok)));' },
];
const GHOST_TEXT = '.ghost-text-decoration, .ghost-text-decoration-preview, .ghost-text';

interface Result {
  c: EditorCase;
  outcome: Outcome;
  accepted: string;
  note: string;
  /**
   * No request came for the cursor point because the editor built another one (the prompts'
   * cursor line differs from the case's): VS Code's typing, not the suggestion, went wrong.
   */
  otherCursorPoint?: boolean;
}

describe('ghost text on real code, in the real editor: the real-code benchmark\'s cases accepted with Tab', function () {
  this.timeout(60_000);
  const cases = editorCases(COUNT, SEED);
  const results: Result[] = [];
  let session: WorkbenchSession;
  /** The scripted model's answer to a prompt; undefined: not the request awaited (it gets nothing). */
  let respond: ((prompt: string) => string | undefined) | undefined;
  let answered: RecordedRequest[] = [];

  before(async function () {
    this.timeout(180_000);
    session = await WorkbenchSession.start(
      { ...Object.fromEntries(cases.map((c) => [c.fileName, c.initial])), ...Object.fromEntries(WARM_UP.map((name) => [name, ''])),
        ...Object.fromEntries(AFTER_BRACKET.map((_, i) => [`after-bracket-${i + 1}.ts`, AFTER_BRACKET_DECLARATIONS])),
      },
      // VS Code's defaults for trust: it asks once, for the folder.
      { 'security.workspace.trust.startupPrompt': 'once', 'security.workspace.trust.banner': 'untilDismissed' },
      { workspaceTrust: true },
    );
    const trust = session.page.locator('.monaco-dialog-box .monaco-button').filter({ hasText: /Yes, I trust/ });
    await waitForState(trust, 'the workspace trust dialog');
    await trust.first().click();
    await waitForState(session.page.locator('.monaco-dialog-box'), 'the trust dialog to close', { state: 'hidden' });
    // Answers only the request awaited (at the cursor point): earlier keystrokes' requests get nothing.
    session.api.setDefaultHandler(
      scriptedAnswer((req) => {
        const text = respond?.(String(req.body?.prompt ?? ''));
        if (text === undefined) return '';
        answered.push(req);
        return text;
      }),
    );
    await session.runCommand('Comet Complete: Set API Key');
    const box = session.page.locator('.quick-input-widget input[type="password"]');
    await waitForState(box, 'the password box of "Set API Key"');
    await box.pressSequentially('sk-realcode-e2e-0123456789');
    await session.page.keyboard.press('Enter');
    await session.waitForNotification(/API key saved/i);
    await session.clearNotifications();
    // VS Code reads a language's configuration (brackets, indentation rules) once a file of it is
    // open: until then a bracket typed does not close. A person has long had a file of each open.
    for (const name of WARM_UP) {
      const editor = await session.openFile(name).catch(async (error) => {
        await session.page.screenshot({ path: path.join(session.dirs.root, 'failure-warm-up.png') });
        throw error;
      });
      await pollUntil(
        async () => {
          await session.page.keyboard.type('(', { delay: 40 });
          await sleep(300);
          const closed = (await editor.locator('.view-lines').innerText()).includes('()');
          await session.page.keyboard.press('Control+A');
          await session.page.keyboard.press('Delete');
          return closed;
        },
        { timeoutMs: 30_000, intervalMs: 500, what: `a bracket to auto-close in ${name}` },
      );
      await session.page.keyboard.press('Control+S');
      await waitForState(session.page.locator('.tabs-container .tab.active.dirty'), `${name} to be saved`, { state: 'hidden' });
      await session.page.keyboard.press('Control+W');
    }
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && session) {
      const file = path.join(session.dirs.root, `failure-${this.currentTest.title.replace(/\W+/g, '-').slice(0, 80)}.png`);
      await session.page.screenshot({ path: file }).catch(() => undefined);
      console.error(`    screenshot of the failure: ${file}`);
    }
  });

  after(async function () {
    if (results.length > 0) console.log(report(results));
    await session?.stop(process.env.COMET_E2E_KEEP === '1');
  });

  for (const c of cases) {
    const title = `${c.cut.kind}, ${c.artifact}: ${c.fileName} (${c.cut.file}:${c.cut.line})`;
    it(title, async () => {
      let result = await runCase(c);
      if (result.otherCursorPoint) {
        // Seen once in about six runs, on the first case: the line after `{` + Enter kept the
        // outer indentation. The case is about the suggestion at the case's cursor point, so it
        // is done again from the start (and the report says so).
        fs.writeFileSync(path.join(session.workspace, c.fileName), c.initial);
        const again = await runCase(c);
        result = { ...again, note: [`done again: the editor first built another cursor point (${result.note})`, again.note].filter((n) => n !== '').join('; ') };
      }
      results.push(result);
      assert.ok(result.outcome !== 'survived' && result.outcome !== 'wrong', `${result.outcome}\n${details(result)}`);
    });
  }

  it('right after a `(` that auto-closing closed, a one-line answer neither doubles the closers nor stops at them', async () => {
    const page = session.page;
    const got: string[] = [];
    for (const [i, check] of AFTER_BRACKET.entries()) {
      // The names are declared above (the suggest list then offers them, not another name that `(` would accept).
      const name = `after-bracket-${i + 1}.ts`;
      respond = (prompt) => (prompt.endsWith(check.typed) ? check.answer : undefined);
      answered = [];
      const editor = await session.openFile(name);
      await page.keyboard.press('Control+End');
      await page.keyboard.type(check.typed, { delay: 40 });
      await pollUntil(() => answered.find((r) => r.responseClosed), {
        timeoutMs: 15_000,
        what: `the request after ${check.typed}`,
        detail: () => `last prompt ends ${JSON.stringify(lastPrompt().slice(-80))}`,
      });
      let shown = await settledGhost(editor.locator(GHOST_TEXT));
      const widget = page.locator('.editor-group-container.active .editor-widget.suggest-widget.visible');
      if (await widget.isVisible()) {
        await page.keyboard.press('Escape');
        shown = await settledGhost(editor.locator(GHOST_TEXT));
      }
      if (shown !== '') await page.keyboard.press('Tab');
      await page.keyboard.press('Control+S');
      await waitForState(page.locator('.tabs-container .tab.active.dirty'), 'the file to be saved', { state: 'hidden' });
      got.push(fs.readFileSync(path.join(session.workspace, name), 'utf8').slice(AFTER_BRACKET_DECLARATIONS.length));
      await page.keyboard.press('Escape');
      await page.keyboard.press('Control+W');
    }
    respond = undefined;
    assert.deepStrictEqual(got, AFTER_BRACKET.map((check) => check.expected));
  });

  it(`over the sample: exact ≥ 95 %, nothing ≤ 2 %, no artifact survived, nothing wrong (${cases.length} cases, seed ${SEED})`, () => {
    assert.strictEqual(results.length, cases.length, 'a case did not run to its end');
    const count = (outcome: Outcome) => results.filter((r) => r.outcome === outcome).length;
    const summary = report(results);
    assert.strictEqual(count('survived') + count('wrong'), 0, summary);
    assert.ok(count('exact') >= 0.95 * results.length, `exact ${percent(count('exact'), results.length)} < 95 %\n${summary}`);
    assert.ok(count('nothing') <= 0.02 * results.length, `nothing shown ${percent(count('nothing'), results.length)} > 2 %\n${summary}`);
  });

  /** One case, as a person does it; the outcome from the saved file. */
  async function runCase(c: EditorCase): Promise<Result> {
    const page = session.page;
    const tail = c.cut.prefix.slice(-300);
    respond = (prompt) => (prompt.endsWith(tail) ? c.answer.text : undefined);
    answered = [];
    const notes: string[] = [];
    const editor = await session.openFile(c.fileName);
    // Go to Line/Column (Ctrl+G): the cursor where the last keystrokes start.
    await page.keyboard.press('Control+G');
    const input = page.locator('.quick-input-widget .quick-input-box input');
    await waitForState(input, 'Go to Line');
    await input.fill(`:${c.line}:${c.column}`);
    await page.keyboard.press('Enter');
    await waitForState(page.locator('.quick-input-widget'), 'Go to Line to close', { state: 'hidden' });
    if (c.typed !== '') await page.keyboard.type(c.typed, { delay: 40 });
    if (c.enter) await page.keyboard.press('Enter');
    if (c.typed === '' && !c.enter) await session.runCommand('Trigger Inline Suggestion');

    const ghost = editor.locator(GHOST_TEXT);
    // The suggest list opened by the typing: while it is open the ghost text must continue its
    // selected item, so VS Code may ask for that (another prompt). Tab would take the item: a
    // person who wants the ghost text closes the list with Escape.
    const widget = page.locator('.editor-group-container.active .editor-widget.suggest-widget.visible');
    const typedAt = Date.now();
    const request = await pollUntil(
      async () => {
        const done = answered.find((r) => r.responseClosed);
        if (!done && Date.now() - typedAt > 3000 && (await widget.isVisible())) {
          notes.push('suggest list open without ghost text; closed with Escape');
          await page.keyboard.press('Escape');
        }
        return done;
      },
      { timeoutMs: 15_000, intervalMs: 200, what: 'the cursor point\'s request' },
    ).catch(() => undefined);
    let shown = '';
    if (!request) notes.push(`no request at the cursor point; last prompt ends ${JSON.stringify(lastPrompt().slice(-80))}`);
    else shown = await settledGhost(ghost);
    const lastLine = (text: string): string => text.slice(text.lastIndexOf('\n') + 1);
    const otherCursorPoint = !request && lastPrompt() !== '' && lastLine(lastPrompt()) !== lastLine(c.cut.prefix);
    if (await widget.isVisible()) {
      notes.push(`suggest list open${shown ? ' with ghost text' : ''}; closed with Escape`);
      await page.keyboard.press('Escape');
      await waitForState(widget, 'the suggest list to close', { state: 'hidden' });
      shown = await settledGhost(ghost);
    }
    if (shown !== '') await page.keyboard.press('Tab');
    await page.keyboard.press('Control+S');
    await waitForState(page.locator('.tabs-container .tab.active.dirty'), 'the file to be saved', { state: 'hidden' });
    const document = fs.readFileSync(path.join(session.workspace, c.fileName), 'utf8');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+W');
    respond = undefined;
    return { c, ...outcomeOf(document, c), note: notes.join('; '), otherCursorPoint };
  }

  /**
   * The ghost text once it stopped changing for a second ('' when none came; after 3 s when the
   * suggest list is open and holds it back).
   */
  async function settledGhost(ghost: ReturnType<WorkbenchSession['page']['locator']>): Promise<string> {
    const widget = session.page.locator('.editor-group-container.active .editor-widget.suggest-widget.visible');
    const started = Date.now();
    let last = '';
    let same = 0;
    while (Date.now() < started + 10_000) {
      const now = (await ghost.allInnerTexts().catch(() => [] as string[])).join('\n').replace(/\u00a0/g, ' ');
      if (now === '' && Date.now() > started + 3000 && (await widget.isVisible())) return '';
      same = now === last ? same + 1 : 0;
      last = now;
      if (now !== '' && same >= 4) return now;
      await sleep(250);
    }
    return last;
  }

  function lastPrompt(): string {
    const requests = session.api.requests;
    return requests.length ? String(requests[requests.length - 1].body?.prompt ?? '') : '';
  }
});

function details(result: Result): string {
  const { c } = result;
  const show = (text: string) => JSON.stringify(text);
  return [
    `--- ${result.outcome}: ${c.artifact} at ${c.cut.file}:${c.cut.line} (${c.cut.kind}, ${c.cut.languageId}) in ${c.fileName}${result.note ? ` [${result.note}]` : ''}`,
    `line prefix ${show(c.cut.prefix.slice(c.cut.prefix.lastIndexOf('\n') + 1))}  suffix ${show(c.cut.suffix.slice(0, 60))}  typed ${show(c.typed)}${c.enter ? ' + Enter' : ''}`,
    `answer   ${show(c.answer.text)}`,
    `expected ${show(c.answer.expected)}`,
    `accepted ${show(result.accepted.length > 600 ? result.accepted.slice(0, 600) + '…' : result.accepted)}`,
  ].join('\n');
}

function report(results: readonly Result[]): string {
  const languages = [...new Set(results.map((r) => r.c.cut.languageId))];
  const failures = results.filter((r) => r.outcome !== 'exact').map(details);
  const count = (outcome: Outcome) => results.filter((r) => r.outcome === outcome).length;
  return [
    `\nGhost text on real code in the real editor: seed ${SEED}, ${results.length} cases`,
    outcomeTable('artifact', results, (r) => r.c.artifact, ARTIFACTS),
    outcomeTable('language', results, (r) => r.c.cut.languageId, languages),
    outcomeTable('cut kind', results, (r) => r.c.cut.kind, CUT_KINDS),
    `exact ${percent(count('exact'), results.length)}, artifact survived ${count('survived')}, wrong ${count('wrong')}, nothing shown ${percent(count('nothing'), results.length)}`,
    ...results.filter((r) => r.note !== '').map((r) => `note: ${r.c.fileName} (${r.c.cut.kind}, ${r.c.artifact}, ${r.outcome}): ${r.note}`),
    ...failures,
  ].join('\n\n');
}
