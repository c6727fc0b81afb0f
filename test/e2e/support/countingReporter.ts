import * as fs from 'fs';
import Mocha = require('mocha');
import { SuiteResult } from './suiteResult';

/**
 * Mocha's spec output, plus the counts written as JSON to $COMET_RESULT_FILE when the run
 * ends. A failing hook counts as a failure, like mocha's own exit code.
 */
class CountingReporter extends Mocha.reporters.Spec {
  constructor(runner: Mocha.Runner, options?: Mocha.MochaOptions) {
    super(runner, options);
    const out = process.env.COMET_RESULT_FILE;
    const failed: SuiteResult['failed'] = [];
    runner.on(Mocha.Runner.constants.EVENT_TEST_FAIL, (test, error) => {
      failed.push({ title: test.fullTitle(), error: String((error as Error)?.message ?? error).slice(0, 4000) });
    });
    runner.once(Mocha.Runner.constants.EVENT_RUN_END, () => {
      if (!out) return;
      const stats = this.stats;
      const result: SuiteResult = { passes: stats.passes, failures: stats.failures, pending: stats.pending, failed };
      fs.writeFileSync(out, JSON.stringify(result, null, 2));
    });
  }
}

export = CountingReporter;
