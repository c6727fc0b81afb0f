/**
 * Cross-file benchmark: does workspace context put the definition a completion needs into the
 * prompt, and does the ghost text come out right because of it?
 *
 *   npm run compile && node out/bench/crossFile.bench.js [--per-package 60]
 *
 * Cases: crossFileCases.ts (calls into another file of real packages in node_modules).
 * Editor state: crossFileWorkspace.ts. The requests go through the real engine (debounce 0),
 * the real HTTP client, and a loopback OpenAI-compatible server scripted to answer with the
 * true continuation only when the prompt contains the callee's declaration line (or the very
 * same call already appears in the prompt, as a model would copy it); otherwise with a
 * plausible wrong one (the first argument renamed).
 *
 * Reported per configuration (file only, each source alone, all): context recall (share of
 * prompts holding the needed declaration), exact match of the ghost text shown, prompt
 * characters sent (median, max), whether a prompt ever exceeded `inline.maxPromptChars`, and the
 * time spent on context: per keystroke (the snapshot), per request (ranking, budget, format),
 * and ahead of the request (definition look-ups), each p50/p99 over the cases. Per-keystroke and
 * per-request times are the fastest of 50 and 5 repeats of the same work per case (the code's
 * cost without the scheduler's pauses on a shared machine); definition look-ups are timed once.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { requestCompletion } from '../src/core/client/completionClient';
import { composeContextPrompt } from '../src/core/context/contextPrompt';
import type { ContextSourceSwitches } from '../src/core/context/contextTypes';
import { resolvePromptStrategy } from '../src/core/inline/fimTemplates';
import { InlineCompletionEngine } from '../src/core/inlineEngine/inlineCompletionEngine';
import type { CompleteFn } from '../src/core/inlineEngine/inlineEngineTypes';
import { defaultSettings } from '../src/core/settings/settingsValidator';
import { OpenAiTestServer, streamCompletion } from '../test/support/openAiTestServer';
import { tokenize } from './benchModel';
import { CrossFileCase, findCases, openProject, PackageProject } from './crossFileCases';
import { CaseWorkspace, caseWorkspace, snapshotOf } from './crossFileWorkspace';
import { percentile } from './percentile';

const PACKAGES: Array<[name: string, relativeRoot: string]> = [
  ['ajv', 'ajv/lib'],
  ['cheerio', 'cheerio/src'],
  ['semver', 'semver'],
  ['mocha', 'mocha/lib'],
  ['eslint', 'eslint/lib'],
];

interface Config {
  name: string;
  switches: ContextSourceSwitches | undefined;
  model: string;
}

const QWEN = 'qwen2.5-coder-7b';
const CONFIGS: Config[] = [
  { name: 'file only (before)', switches: undefined, model: QWEN },
  { name: 'definitions only', switches: { definitions: true, recentFiles: false, openEditors: false }, model: QWEN },
  { name: 'recent files only', switches: { definitions: false, recentFiles: true, openEditors: false }, model: QWEN },
  { name: 'open editors only', switches: { definitions: false, recentFiles: false, openEditors: true }, model: QWEN },
  { name: 'all sources', switches: { definitions: true, recentFiles: true, openEditors: true }, model: QWEN },
  { name: 'all sources, comment format', switches: { definitions: true, recentFiles: true, openEditors: true }, model: 'gpt-3.5-turbo-instruct' },
];

const KEYSTROKE_REPEATS = 50;
const REQUEST_REPEATS = 5;

/** The fastest of `repeats` runs of `work`, in ms. */
function fastest(repeats: number, work: () => unknown): number {
  let best = Infinity;
  for (let i = 0; i < repeats; i++) {
    const started = performance.now();
    work();
    best = Math.min(best, performance.now() - started);
  }
  return best;
}

function wrongFor(truth: string): string {
  const renamed = truth.replace(/[A-Za-z_$][\w$]*/, 'value');
  return renamed !== truth ? renamed : `value, ${truth}`;
}

async function main(): Promise<void> {
  const perPackage = Number(process.argv[process.argv.indexOf('--per-package') + 1]) || 60;
  const modules = path.resolve(__dirname, '../../node_modules');
  const projects: PackageProject[] = [];
  const cases: Array<{ project: PackageProject; testCase: CrossFileCase; workspace: CaseWorkspace }> = [];
  for (const [name, relativeRoot] of PACKAGES) {
    const root = path.join(modules, relativeRoot);
    if (!fs.existsSync(root)) continue;
    const project = openProject(name, fs.realpathSync(root));
    projects.push(project);
    const found = findCases(project, perPackage);
    found.forEach((testCase, i) => cases.push({ project, testCase, workspace: caseWorkspace(project, testCase, cases.length + i, () => performance.now()) }));
    process.stderr.write(`${name}: ${project.files.length} files, ${found.length} cases\n`);
  }

  let current: CrossFileCase | undefined;
  const server = await OpenAiTestServer.start();
  server.setDefaultHandler(async (req, res) => {
    const prompt: string = `${req.body?.prompt ?? ''}${req.body?.suffix ?? ''}`;
    const testCase = current;
    const right = testCase !== undefined && (prompt.includes(testCase.definitionLine) || prompt.includes(`${testCase.callee}(${testCase.truth}`));
    const text = testCase === undefined ? '' : right ? testCase.truth : wrongFor(testCase.truth);
    await streamCompletion(res, { pieces: tokenize(text) });
  });
  const complete: CompleteFn = (body, signal, onDelta, lines) => requestCompletion({ baseUrl: server.baseUrl, timeoutMs: 30_000 }, body, { signal, onDelta, lines });

  const rows: string[] = [];
  const budget = defaultSettings().inline.maxPromptChars;
  for (const config of CONFIGS) {
    const settings = defaultSettings();
    settings.model = config.model;
    settings.inline.debounceMs = 0;
    if (config.switches) settings.context = config.switches;
    const sent: number[] = [];
    const engine = new InlineCompletionEngine({ settings: () => settings, complete, observer: { requestStarted: (event) => sent.push(event.body.prompt.length + (event.body.suffix?.length ?? 0)) } });
    let recalled = 0;
    let exact = 0;
    let overBudget = 0;
    const keystrokeMs: number[] = [];
    const requestMs: number[] = [];
    const aheadMs: number[] = [];
    for (const [index, { testCase, workspace }] of cases.entries()) {
      current = testCase;
      // Fastest of several repeats: what the code costs, without the pauses of a shared machine.
      keystrokeMs.push(fastest(KEYSTROKE_REPEATS, () => (config.switches ? snapshotOf(testCase, workspace, config.switches) : undefined)));
      const snapshot = config.switches ? snapshotOf(testCase, workspace, config.switches) : undefined;
      if (config.switches?.definitions) aheadMs.push(workspace.aheadMs);
      if (snapshot) {
        // The request-time part on its own (the engine does the same once more inside).
        const strategy = resolvePromptStrategy(settings.inline.fimTemplate, settings.model, settings.useSuffix);
        const input = {
          strategy,
          languageId: 'typescript',
          prefix: testCase.prefix,
          suffix: testCase.suffix,
          budget: { maxPromptChars: budget, maxPrefixChars: settings.inline.maxPrefixChars, maxPrefixLines: 200, maxSuffixChars: settings.inline.maxSuffixChars, maxSuffixLines: 40 },
          workspace: snapshot,
          switches: config.switches,
        };
        requestMs.push(fastest(REQUEST_REPEATS, () => composeContextPrompt(input)));
      }
      const prompts = server.requests.length;
      const result = await engine.suggest(
        { documentId: `file:///${testCase.package}/${testCase.file}#${index}`, languageId: 'typescript', prefix: testCase.prefix, suffix: testCase.suffix, explicit: false, workspace: snapshot },
        new AbortController().signal,
      );
      const request = server.requests[prompts];
      const prompt: string = request ? `${request.body.prompt}${request.body.suffix ?? ''}` : '';
      if (prompt.includes(testCase.definitionLine)) recalled++;
      if (prompt.length > budget) overBudget++;
      if (result.items[0] === testCase.truth) exact++;
    }
    engine.dispose();
    const n = cases.length;
    const pct = (count: number): string => `${((100 * count) / n).toFixed(1)} %`;
    const ms = (values: number[]): string => (values.length === 0 ? '–' : `${percentile(values, 50).toFixed(3)} / ${percentile(values, 99).toFixed(3)}`);
    rows.push(
      `| ${config.name} | ${n} | ${pct(recalled)} | ${pct(exact)} | ${percentile(sent, 50)} / ${Math.max(...sent)} | ${overBudget} | ${ms(keystrokeMs)} | ${ms(requestMs)} | ${ms(aheadMs)} |`,
    );
  }
  await server.close();
  console.log(`cases: ${cases.length} from ${projects.map((project) => project.name).join(', ')}; prompt budget ${budget} chars`);
  console.log('| Context | Cases | Context recall | Exact match | Prompt chars p50 / max | Over budget | Keystroke ms p50 / p99 | Request ms p50 / p99 | Ahead (definitions) ms p50 / p99 |');
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const row of rows) console.log(row);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
