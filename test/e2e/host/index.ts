/**
 * The tests module that VS Code loads in the extension host (`extensionTestsPath`): runs every
 * `*.test.js` beside it with mocha, in name order (in the restricted launch, those in restricted/). Counts go to $COMET_RESULT_FILE.
 * Used by test/e2e/runHostSuite.ts (code-server) and by .vscode/launch.json "Extension Tests".
 */
import * as fs from 'fs';
import * as path from 'path';
import Mocha = require('mocha');
import CountingReporter = require('../support/countingReporter');
import { repoRoot } from '../support/paths';

export function run(): Promise<void> {
  Mocha.reporters.Base.useColors = false;
  const mocha = new Mocha({
    ui: 'bdd',
    timeout: 30_000,
    slow: 5_000,
    reporter: CountingReporter as unknown as string,
    grep: process.env.COMET_E2E_GREP || undefined,
  });
  // The restricted launch (workspace trust on, folder untrusted) runs the tests in restricted/.
  // The multiroot launch (a .code-workspace with two folders) runs those in multiroot/.
  const launch = process.env.COMET_E2E_LAUNCH;
  const sub = launch === 'restricted' || launch === 'multiroot' ? launch : '';
  const compiled = path.join(__dirname, sub);
  // Only tests whose source still exists: out/ may hold stale output of a deleted test.
  const sources = path.join(repoRoot, 'test', 'e2e', 'host', sub);
  for (const file of fs.readdirSync(compiled).filter((f) => f.endsWith('.test.js')).sort()) {
    if (fs.existsSync(path.join(sources, file.replace(/\.js$/, '.ts')))) mocha.addFile(path.join(compiled, file));
  }
  return new Promise<void>((resolve, reject) => {
    try {
      mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} end-to-end test(s) failed`)) : resolve()));
    } catch (error) {
      if (process.env.COMET_RESULT_FILE) {
        fs.writeFileSync(
          process.env.COMET_RESULT_FILE,
          JSON.stringify({ passes: 0, failures: 1, pending: 0, failed: [{ title: 'loading the host suite', error: String(error) }] }),
        );
      }
      reject(error);
    }
  });
}
