import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ghostTextSample } from '../../../src/core/walkthrough/sampleFile';

const root = path.resolve(__dirname, '../../../..');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const nls: Record<string, string> = JSON.parse(fs.readFileSync(path.join(root, 'package.nls.json'), 'utf8'));
const commandIds: string[] = manifest.contributes.commands.map((c: { command: string }) => c.command);

function placeholders(value: unknown, found: string[] = []): string[] {
  if (typeof value === 'string') {
    const match = /^%([^%]+)%$/.exec(value);
    if (match) found.push(match[1]);
  } else if (Array.isArray(value)) value.forEach((v) => placeholders(v, found));
  else if (value && typeof value === 'object') Object.values(value).forEach((v) => placeholders(v, found));
  return found;
}

describe('package.json: walkthrough, menus and localized strings', () => {
  it('contributes the model, connection, menu and walkthrough commands', () => {
    for (const id of ['cometComplete.selectModel', 'cometComplete.testConnection', 'cometComplete.showMenu', 'cometComplete.showLog', 'cometComplete.openWalkthrough', 'cometComplete.openSampleFile']) {
      assert.ok(commandIds.includes(id), id);
    }
  });

  it('has every %placeholder% in package.nls.json, and no unused entry', () => {
    const used = placeholders(manifest);
    const missing = used.filter((key) => !(key in nls));
    assert.deepEqual(missing, []);
    assert.deepEqual(Object.keys(nls).filter((key) => !used.includes(key)), []);
  });

  it('walkthrough steps have existing, packaged markdown media and completion events on known commands', () => {
    const [walkthrough] = manifest.contributes.walkthroughs;
    assert.equal(walkthrough.id, 'cometComplete.gettingStarted');
    assert.deepEqual(
      walkthrough.steps.map((s: { id: string }) => s.id),
      ['setApiKey', 'selectModel', 'testConnection', 'tryGhostText', 'completeSelection'],
    );
    const ignore = fs.readFileSync(path.join(root, '.vscodeignore'), 'utf8');
    assert.match(ignore, /^!media\/walkthrough\/\*\.md$/m, '.vscodeignore must keep the walkthrough media in the package');
    for (const step of walkthrough.steps) {
      assert.ok(fs.existsSync(path.join(root, step.media.markdown)), step.media.markdown);
      assert.ok(step.completionEvents.length > 0, `${step.id} has completion events`);
      for (const event of step.completionEvents as string[]) {
        const command = /^onCommand:(.+)$/.exec(event)?.[1];
        if (command) assert.ok(commandIds.includes(command) || command.startsWith('editor.action.'), event);
        else assert.match(event, /^onSettingChanged:cometComplete\./);
      }
    }
  });

  it('links only to contributed commands in walkthrough descriptions', () => {
    for (const text of Object.values(nls)) {
      for (const match of text.matchAll(/\(command:([\w.]+)\)/g)) assert.ok(commandIds.includes(match[1]), match[1]);
    }
  });

  it('offers Complete Selection in the editor context menu with a selection', () => {
    const entry = manifest.contributes.menus['editor/context'].find((m: { command: string }) => m.command === 'cometComplete.completeSelection');
    assert.equal(entry.when, 'editorHasSelection');
  });

  it('places the sample file cursor inside the unfinished function', () => {
    const sample = ghostTextSample();
    assert.equal(sample.languageId, 'typescript');
    assert.match(sample.content.slice(0, sample.cursorOffset), /function fibonacci\(n: number\): number \{\n {2}$/);
  });
});
