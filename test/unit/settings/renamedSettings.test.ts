import * as assert from 'node:assert/strict';
import { RENAMED_SETTINGS, oldNameNotice, readWithRenames } from '../../../src/core/settings/renamedSettings';
import { SETTING_RULES } from '../../../src/core/settings/settingRules';
import { validateSettings } from '../../../src/core/settings/settingsValidator';

/** A settings store: what the user set (any scope); the effective value falls back to the rule's default. */
function store(user: Record<string, unknown>) {
  const defaults: Record<string, unknown> = Object.fromEntries(Object.entries(SETTING_RULES).map(([k, r]) => [k, r.default]));
  return {
    read: (name: string) => (name in user ? user[name] : defaults[name]),
    userValue: (name: string) => user[name],
  };
}

function migratedSettings(user: Record<string, unknown>) {
  const s = store(user);
  const renamed = readWithRenames(s.read, s.userValue);
  return { renamed, ...validateSettings((name) => renamed.read(name)) };
}

describe('renamed settings', () => {
  it('requestTimeoutSeconds became firstByteTimeoutSeconds', () => {
    assert.deepEqual(
      RENAMED_SETTINGS.map((r) => [r.oldName, r.newName]),
      [['requestTimeoutSeconds', 'firstByteTimeoutSeconds']],
    );
  });

  it('keeps a value set under the old name while the new one is unset, and reports it', () => {
    const { settings, problems, renamed } = migratedSettings({ requestTimeoutSeconds: 240 });
    assert.deepEqual(problems, []);
    assert.equal(settings.firstByteTimeoutSeconds, 240);
    assert.deepEqual(renamed.oldNamesInUse.map((u) => [u.setting.oldName, u.value]), [['requestTimeoutSeconds', 240]]);
  });

  it('uses the new name once it is set, even to its default, and then reports nothing', () => {
    const { settings, renamed } = migratedSettings({ requestTimeoutSeconds: 240, firstByteTimeoutSeconds: 60 });
    assert.equal(settings.firstByteTimeoutSeconds, 60);
    assert.deepEqual(renamed.oldNamesInUse, []);
  });

  it('leaves the default alone when neither name is set', () => {
    const { settings, renamed } = migratedSettings({ temperature: 1 });
    assert.equal(settings.firstByteTimeoutSeconds, 60);
    assert.equal(settings.temperature, 1);
    assert.deepEqual(renamed.oldNamesInUse, []);
  });

  it('validates a value from the old name like any other (a bad one is refused, the default stays)', () => {
    const { settings, problems } = migratedSettings({ requestTimeoutSeconds: 0 });
    assert.equal(settings.firstByteTimeoutSeconds, 60);
    assert.equal(problems.length, 1);
    assert.match(problems[0].message, /from 1 to 600 \(got 0\)/);
  });

  it('tells the user both names and the value that is still used', () => {
    const { renamed } = migratedSettings({ requestTimeoutSeconds: 240 });
    const text = oldNameNotice(renamed.oldNamesInUse[0]);
    assert.match(text, /“cometComplete\.requestTimeoutSeconds” is now “cometComplete\.firstByteTimeoutSeconds”/);
    assert.match(text, /Your value 240 is still used/);
  });
});
