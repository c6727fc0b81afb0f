/**
 * Ghost text on real code (benchmark, not a test): how often the suggestion shown is exactly
 * right when the model answers with the true continuation, clean or with one typical artifact.
 *
 * Corpus: real source files nobody here wrote, pinned with their hashes (bench/corpus/,
 * bench/realCodeCorpus.ts). Cursor points: picked with a seeded generator, several kinds
 * (bench/realCodeCuts.ts). Answers: the truth plus one artifact each (bench/realCodeArtifacts.ts),
 * streamed by a scripted loopback server that honours `stop` and `max_tokens`
 * (bench/realCodeServer.ts). Path: the engine's whole path from cursor to shown text — the
 * InlineCompletionEngine with default settings (debounce 0), the HTTP client, streaming
 * post-processing, and the growth re-trigger the adapter makes (a `refresh` call once the stream
 * has more) — with the file's own indentation as the editor's (tabs/spaces, width). The shown
 * text is what Tab would insert at the cursor.
 *
 * Outcome per case:
 *   exact     shown text = expected text
 *   short     a part of the expected text (cut too early; not exact)
 *   survived  the artifact survived: the expected text with something added around it, or the
 *             expected text with other indentation
 *   nothing   nothing shown
 *   wrong     anything else
 *
 *   npm run compile && node out/bench/realCode.bench.js [--seed 15] [--per-kind 3] [--failures] [--only artifact]
 */
import { requestCompletion } from '../src/core/client/completionClient';
import { InlineCompletionEngine } from '../src/core/inlineEngine/inlineCompletionEngine';
import type { CompleteFn, InlineContext } from '../src/core/inlineEngine/inlineEngineTypes';
import { defaultSettings } from '../src/core/settings/settingsValidator';
import { Answer, answerWith, Artifact, ARTIFACTS } from './realCodeArtifacts';
import { CorpusFile, loadCorpus } from './realCodeCorpus';
import { Cut, CUT_KINDS, pickCuts } from './realCodeCuts';
import { classify, Outcome, outcomeTable as table, percent } from './realCodeOutcome';
import { ScriptedModel } from './realCodeServer';

interface Options {
  seed: number;
  perKind: number;
  failures: boolean;
  only?: Artifact;
}

interface Result {
  cut: Cut;
  artifact: Artifact;
  answer: Answer;
  shown: string;
  outcome: Outcome;
}

function parseOptions(argv: string[]): Options {
  const options: Options = { seed: 15, perKind: 3, failures: false };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    if (flag === '--seed') options.seed = Number(argv[++i]);
    else if (flag === '--per-kind') options.perKind = Number(argv[++i]);
    else if (flag === '--failures') options.failures = true;
    else if (flag === '--only') options.only = argv[++i] as Artifact;
    else throw new Error(`unknown option ${flag}`);
  }
  return options;
}

/** Runs one case the way the editor would: a typing trigger, then the growth re-trigger. */
async function shownFor(model: ScriptedModel, cut: Cut, file: CorpusFile, answer: Answer, id: number): Promise<string> {
  const settings = defaultSettings();
  settings.baseUrl = model.baseUrl;
  settings.model = 'bench-model';
  settings.inline.debounceMs = 0;
  model.answer = answer.text;
  let started = false;
  let ended!: () => void;
  const end = new Promise<void>((resolve) => (ended = resolve));
  const complete: CompleteFn = (body, signal, onDelta, lines) =>
    requestCompletion({ baseUrl: model.baseUrl, timeoutMs: 10_000, userAgent: 'bench/realCode' }, body, { signal, onDelta, lines });
  const engine = new InlineCompletionEngine({
    settings: () => settings,
    complete,
    observer: { requestStarted: () => (started = true), requestEnded: () => ended() },
  });
  let grew = false;
  engine.onDidGrow(() => (grew = true));
  const context: InlineContext = {
    documentId: `file:///bench/realCode/${id}/${file.name}`,
    languageId: cut.languageId,
    prefix: cut.prefix,
    suffix: cut.suffix,
    eol: '\n',
    explicit: false,
    indent: file.indent,
  };
  try {
    const first = await engine.suggest(context, new AbortController().signal);
    if (!started) return first.items[0] ?? '';
    await end;
    if (!grew) return first.items[0] ?? '';
    // The adapter's re-trigger (VS Code's explicit trigger kind, marked as a refresh).
    const again = await engine.suggest({ ...context, explicit: true, refresh: true }, new AbortController().signal);
    return again.items[0] ?? '';
  } finally {
    engine.dispose();
  }
}

function show(text: string): string {
  return JSON.stringify(text);
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const files = loadCorpus();
  const byName = new Map(files.map((file) => [file.name, file]));
  const cuts = pickCuts(files, options.seed, options.perKind);
  const model = await ScriptedModel.start();
  const results: Result[] = [];
  let id = 0;
  try {
    for (const cut of cuts) {
      const file = byName.get(cut.file)!;
      for (const artifact of ARTIFACTS) {
        if (options.only && artifact !== options.only) continue;
        const answer = answerWith(artifact, cut, file);
        if (!answer) continue;
        const shown = await shownFor(model, cut, file, answer, id++);
        results.push({ cut, artifact, answer, shown, outcome: classify(shown, answer.expected) });
      }
    }
  } finally {
    await model.close();
  }
  const languages = [...new Set(files.map((file) => file.languageId))];
  console.log(`Ghost text on real code: ${files.length} files, seed ${options.seed}, ${cuts.length} cursor points, ${results.length} cases, ${model.requests} requests\n`);
  console.log(table('artifact', results, (r) => r.artifact, ARTIFACTS) + '\n');
  console.log(table('language', results, (r) => r.cut.languageId, languages) + '\n');
  console.log(table('cut kind', results, (r) => r.cut.kind, CUT_KINDS) + '\n');
  const survived = results.filter((r) => r.outcome === 'survived').length;
  const nothing = results.filter((r) => r.outcome === 'nothing').length;
  const exact = results.filter((r) => r.outcome === 'exact').length;
  console.log(`exact ${percent(exact, results.length)}, artifact survived ${survived}, nothing shown ${percent(nothing, results.length)} (every answer here is usable: it holds the truth)`);
  if (options.failures) {
    for (const result of results.filter((r) => r.outcome !== 'exact')) {
      const { cut } = result;
      console.log(`\n--- ${result.outcome}: ${result.artifact} at ${cut.file}:${cut.line} (${cut.kind}, ${cut.languageId})`);
      console.log(`line prefix ${show(cut.prefix.slice(cut.prefix.lastIndexOf('\n') + 1))}  suffix ${show(cut.suffix.slice(0, 60))}`);
      console.log(`answer   ${show(result.answer.text)}`);
      console.log(`expected ${show(result.answer.expected)}`);
      console.log(`shown    ${show(result.shown)}`);
    }
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
