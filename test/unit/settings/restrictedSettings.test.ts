import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { RESTRICTED_SETTINGS, isRestrictedSetting } from '../../../src/core/settings/restrictedSettings';
import { SETTING_RULES } from '../../../src/core/settings/settingRules';

const manifest = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../../package.json'), 'utf8'));

describe('restricted settings (untrusted workspaces)', () => {
  it('package.json restricts exactly the settings the extension itself keeps from untrusted workspaces', () => {
    const declared: string[] = manifest.capabilities.untrustedWorkspaces.restrictedConfigurations;
    assert.deepEqual([...declared].sort(), Object.keys(RESTRICTED_SETTINGS).map((n) => `cometComplete.${n}`).sort());
    assert.equal(manifest.capabilities.untrustedWorkspaces.supported, 'limited');
  });

  it('every restricted name is a real setting', () => {
    for (const name of Object.keys(RESTRICTED_SETTINGS)) assert.ok(name in SETTING_RULES, name);
  });

  it('covers what spends money or widens what is sent (issue 11, item 5)', () => {
    for (const name of ['model', 'n', 'maxTokens', 'useSuffix', 'inline.maxPrefixChars', 'inline.maxSuffixChars', 'inline.candidates',
      'inline.debounceMs', 'inline.maxTokens', 'inline.multiLineMaxTokens', 'inline.fimTemplate', 'inline.enabled', 'inline.languages',
      'log.promptPreviewChars', 'baseUrl', 'allowInsecureHttp']) {
      assert.ok(isRestrictedSetting(name), `${name} is not restricted`);
    }
    assert.equal(isRestrictedSetting('temperature'), false);
    assert.equal(isRestrictedSetting('toString'), false);
  });
});
