import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

describe('README settings table', () => {
  it('is generated from package.json and up to date (node scripts/settings-table.mjs)', () => {
    const root = path.resolve(__dirname, '../../../..');
    const result = spawnSync(process.execPath, ['scripts/settings-table.mjs', '--check'], { cwd: root, encoding: 'utf8' });
    assert.equal(result.status, 0, result.stderr);
  });
});
