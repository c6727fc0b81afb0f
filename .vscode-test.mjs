// `npm run test:desktop`: the end-to-end suite of test/e2e/host in a desktop VS Code downloaded by
// @vscode/test-electron (needs internet; `npm test` runs the same suite in code-server instead).
// Test files are the compiled ones: `npm run test:desktop` builds first.
import { defineConfig } from '@vscode/test-cli';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// The tests write (and delete) scratch files in the opened folder: a git-ignored one.
const workspaceFolder = fileURLToPath(new URL('./.vscode-test/workspace', import.meta.url));
mkdirSync(workspaceFolder, { recursive: true });

export default defineConfig({
  label: 'host',
  files: 'out/test/e2e/host/**/*.test.js',
  version: process.env.VSCODE_TEST_VERSION ?? 'stable',
  workspaceFolder,
  launchArgs: ['--disable-extensions', '--disable-workspace-trust'],
  mocha: { ui: 'bdd', timeout: 30_000, slow: 5_000 },
});
