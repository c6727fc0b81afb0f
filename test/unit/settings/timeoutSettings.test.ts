import * as assert from 'node:assert/strict';
import { SETTING_RULES } from '../../../src/core/settings/settingRules';
import { defaultSettings, validateSettings } from '../../../src/core/settings/settingsValidator';

describe('timeout settings', function () {
  it('default to connect 10 s, first byte 60 s, idle 30 s, total 600 s', function () {
    const s = defaultSettings();
    assert.deepEqual(
      [s.connectTimeoutSeconds, s.firstByteTimeoutSeconds, s.idleTimeoutSeconds, s.totalTimeoutSeconds],
      [10, 60, 30, 600],
    );
  });

  it('are read and range-checked like every setting', function () {
    const values: Record<string, unknown> = { connectTimeoutSeconds: 2.5, idleTimeoutSeconds: 600, totalTimeoutSeconds: 3600 };
    const { settings, problems } = validateSettings((name) => values[name]);
    assert.deepEqual(problems, []);
    assert.equal(settings.connectTimeoutSeconds, 2.5);
    assert.equal(settings.idleTimeoutSeconds, 600);
    assert.equal(settings.totalTimeoutSeconds, 3600);
  });

  for (const [name, bad, allowed] of [
    ['connectTimeoutSeconds', 0, /from 1 to 120/],
    ['connectTimeoutSeconds', 121, /from 1 to 120/],
    ['idleTimeoutSeconds', 0.5, /from 1 to 600/],
    ['idleTimeoutSeconds', 'soon', /from 1 to 600/],
    ['totalTimeoutSeconds', 9, /from 10 to 3600/],
    ['totalTimeoutSeconds', null, /from 10 to 3600/],
  ] as const) {
    it(`refuses ${name} = ${JSON.stringify(bad)}, keeping the previous value`, function () {
      const { settings, problems } = validateSettings((n) => (n === name ? bad : undefined));
      assert.equal(problems.length, 1);
      assert.equal(problems[0].setting, `cometComplete.${name}`);
      assert.match(problems[0].message, allowed);
      assert.equal(settings[name], SETTING_RULES[name].default);
    });
  }
});
