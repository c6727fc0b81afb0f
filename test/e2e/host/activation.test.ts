import * as assert from 'assert';
import * as vscode from 'vscode';
import { manifest } from '../support/paths';
import { EXTENSION_ID, activateExtension } from './helpers';

describe('activation', () => {
  it('activates the extension under development', async () => {
    const extension = await activateExtension();
    assert.strictEqual(extension.isActive, true);
    assert.strictEqual(extension.id, EXTENSION_ID);
  });

  it('registers every command that package.json contributes', async () => {
    await activateExtension();
    const declared = manifest().contributes.commands.map((c) => c.command);
    assert.ok(declared.length > 0, 'package.json contributes no commands');
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = declared.filter((c) => !registered.has(c));
    assert.deepStrictEqual(missing, [], `commands declared in package.json but not registered: ${missing.join(', ')}`);
  });
});
