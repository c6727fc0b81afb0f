import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { RENAMED_SETTINGS } from '../../../src/core/settings/renamedSettings';
import { SETTING_RULES, SettingRule } from '../../../src/core/settings/settingRules';

const manifest = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../../package.json'), 'utf8'));
/** The fields of a `contributes.configuration` property that these tests read. */
interface ContributedSetting {
  type?: string | string[];
  default?: unknown;
  minimum?: number;
  maximum?: number;
  maxItems?: number;
  enum?: string[];
  scope?: string;
  markdownDescription?: string;
  markdownDeprecationMessage?: string;
}

const contributed: Record<string, ContributedSetting> = Object.assign(
  {},
  ...manifest.contributes.configuration.map((group: { properties: object }) => group.properties),
);

describe('package.json settings contributions', () => {
  it('contributes exactly the settings the validator knows, and the old names of renamed ones', () => {
    const names = Object.keys(contributed).map((key) => key.replace(/^cometComplete\./, '')).sort();
    assert.deepEqual(names, [...Object.keys(SETTING_RULES), ...RENAMED_SETTINGS.map((r) => r.oldName)].sort());
  });

  for (const { oldName, newName } of RENAMED_SETTINGS) {
    it(`marks cometComplete.${oldName} deprecated in favour of ${newName}, with the same range and no default of its own`, () => {
      const old = contributed[`cometComplete.${oldName}`];
      const current = contributed[`cometComplete.${newName}`];
      assert.match(old.markdownDeprecationMessage ?? '', new RegExp(`cometComplete\\.${newName.replace('.', '\\.')}`));
      assert.equal(old.default, undefined, 'a default under the old name would hide that it is unset');
      assert.deepEqual([old.type, old.minimum, old.maximum], [current.type, current.minimum, current.maximum]);
    });
  }

  for (const [name, rule] of Object.entries(SETTING_RULES) as Array<[string, SettingRule]>) {
    it(`cometComplete.${name} has the validator's type, default and range, and a description`, () => {
      const entry = contributed[`cometComplete.${name}`];
      assert.ok(entry.markdownDescription && entry.markdownDescription.length > 20, 'markdownDescription');
      assert.deepEqual(entry.default, rule.default);
      switch (rule.kind) {
        case 'number':
          assert.deepEqual(entry.type, rule.nullable ? [rule.integer ? 'integer' : 'number', 'null'] : rule.integer ? 'integer' : 'number');
          assert.equal(entry.minimum, rule.min);
          assert.equal(entry.maximum, rule.max);
          break;
        case 'boolean':
          assert.equal(entry.type, 'boolean');
          break;
        case 'string':
          assert.equal(entry.type, 'string');
          break;
        case 'stringList':
          assert.equal(entry.type, 'array');
          assert.equal(entry.maxItems, rule.maxItems);
          break;
        case 'booleanMap':
          assert.equal(entry.type, 'object');
          break;
        case 'enum':
          assert.equal(entry.type, 'string');
          assert.deepEqual(entry.enum, [...rule.values]);
          break;
      }
    });
  }

  it('keeps settings that decide where the key goes out of workspace control', () => {
    const restricted: string[] = manifest.capabilities.untrustedWorkspaces.restrictedConfigurations;
    for (const name of ['cometComplete.baseUrl', 'cometComplete.allowInsecureHttp']) {
      assert.equal(contributed[name].scope, 'application', `${name} scope`);
      assert.ok(restricted.includes(name), `${name} restricted`);
    }
  });

  it('contributes every command under the "Comet Complete" category', () => {
    const ids = manifest.contributes.commands.map((c: { command: string }) => c.command);
    for (const id of ['cometComplete.setApiKey', 'cometComplete.clearApiKey', 'cometComplete.completeSelection', 'cometComplete.toggleInline']) {
      assert.ok(ids.includes(id), id);
    }
    for (const command of manifest.contributes.commands) assert.equal(command.category, 'Comet Complete');
  });
});
