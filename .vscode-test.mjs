// `npm run test:desktop`: the end-to-end suite of test/e2e/host in a desktop VS Code downloaded by
// @vscode/test-electron (needs internet; CI runs the same suite in code-server through `npm test`).
// Test files are the compiled ones: `npm run test:desktop` builds first.
import { defineConfig } from '@vscode/test-cli';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// The tests write their scratch files into the opened folder: give them a throw-away one.
mkdirSync(tmpdir(), { recursive: true });
const workspaceFolder = mkdtempSync(join(tmpdir(), 'comet-desktop-e2e-'));

export default defineConfig({
  label: 'host',
  files: 'out/test/e2e/host/**/*.test.js',
  version: process.env.VSCODE_TEST_VERSION ?? 'stable',
  workspaceFolder,
  launchArgs: ['--disable-extensions', '--disable-workspace-trust'],
  mocha: { ui: 'bdd', timeout: 30_000, slow: 5_000 },
});
