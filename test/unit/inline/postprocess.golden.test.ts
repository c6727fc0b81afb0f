import * as assert from 'assert';
import { createPostprocessor, POSTPROCESS_STEPS } from '../../../src/core/inline/postprocess';
import { goldenFileNames, loadGoldenCases } from './goldenCases';

const PIPELINE = 'pipeline';

describe('inline post-processing golden cases (test/unit/inline/golden/*.txt)', () => {
  it('has a golden file for every pipeline step, and no file for an unknown step', () => {
    const files = goldenFileNames();
    const steps = POSTPROCESS_STEPS.map((step) => step.name);
    assert.deepStrictEqual(files, [...steps, PIPELINE].sort());
  });

  it('covers TypeScript, Python and Go in every file', () => {
    for (const file of goldenFileNames()) {
      const languages = new Set(loadGoldenCases(file).map((c) => c.language));
      for (const language of ['typescript', 'python', 'go']) {
        assert.ok(languages.has(language), `${file}.txt has no ${language} case`);
      }
    }
  });

  for (const file of goldenFileNames()) {
    describe(file, () => {
      const cases = loadGoldenCases(file);
      // A step that stopped acting (or started changing everything) fails here even if a golden file were emptied.
      it(file === PIPELINE ? 'changes some completions' : 'changes some completions and leaves others as they are', () => {
        const step = POSTPROCESS_STEPS.find((s) => s.name === file);
        const outputs = cases.map((golden) => (file === PIPELINE ? createPostprocessor(golden.context) : step!.factory(golden.context))(golden.completion));
        assert.ok(outputs.some((out, i) => out !== cases[i].completion), `${file}: no case where it changes the completion`);
        if (file !== PIPELINE) assert.ok(outputs.some((out, i) => out === cases[i].completion), `${file}: no case it leaves alone`);
      });
      for (const golden of cases) {
        it(golden.name, () => {
          const step = POSTPROCESS_STEPS.find((s) => s.name === file);
          const run = file === PIPELINE ? createPostprocessor(golden.context) : step!.factory(golden.context);
          assert.strictEqual(run(golden.completion), golden.expected);
        });
      }
      if (file !== PIPELINE) {
        it('is idempotent on its own output', () => {
          const step = POSTPROCESS_STEPS.find((s) => s.name === file)!;
          for (const golden of cases) {
            const filter = step.factory(golden.context);
            const once = filter(golden.completion);
            assert.strictEqual(filter(once), once, golden.name);
          }
        });
      }
    });
  }
});
