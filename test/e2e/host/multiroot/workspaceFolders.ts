/**
 * The multiroot launch's workspace: a `.code-workspace` file naming two folders. The second
 * has folder settings of its own — a model and a token cap that must apply to its files only,
 * and a base URL that must not apply at all (the base URL is application-scoped: a repository
 * cannot send your key elsewhere). Used by test/e2e/runHostSuite.ts to write it and by the tests.
 */
import * as fs from 'fs';
import * as path from 'path';

export const FOLDER_A = 'folder-a';
export const FOLDER_B = 'folder-b';

export const FOLDER_B_SETTINGS: Record<string, unknown> = {
  'cometComplete.model': 'folder-b-model',
  'cometComplete.inline.maxTokens': 9,
  // A discard port: if this applied, nothing would reach the test server.
  'cometComplete.baseUrl': 'http://127.0.0.1:9/v1',
};

/** Writes the two folders and the workspace file into `root`; returns the workspace file's path. */
export function writeMultiRootWorkspace(root: string): string {
  for (const folder of [FOLDER_A, FOLDER_B]) fs.mkdirSync(path.join(root, folder), { recursive: true });
  fs.mkdirSync(path.join(root, FOLDER_B, '.vscode'), { recursive: true });
  fs.writeFileSync(path.join(root, FOLDER_B, '.vscode', 'settings.json'), JSON.stringify(FOLDER_B_SETTINGS, null, 2));
  const file = path.join(root, 'two-folders.code-workspace');
  fs.writeFileSync(file, JSON.stringify({ folders: [{ path: FOLDER_A }, { path: FOLDER_B }], settings: {} }, null, 2));
  return file;
}
