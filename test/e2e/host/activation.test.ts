import * as assert from 'assert';
import * as vscode from 'vscode';
import { manifest } from '../support/paths';
import { pollUntil } from '../support/poll';
import { EXTENSION_ID, activateExtension } from './helpers';

describe('activation', () => {
  // Nothing here calls activate(): the extension must start by itself once the window has started
  // (activationEvents: onStartupFinished), or ghost text would never show for a user who runs no command.
  it('activates by itself after startup, without any command or activate() call', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `extension ${EXTENSION_ID} is not loaded in this extension host`);
    await pollUntil(() => extension.isActive, { what: 'the extension to activate by itself after startup', timeoutMs: 30_000 });
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
