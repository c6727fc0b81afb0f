import * as assert from 'node:assert/strict';
import { SettingName } from '../../../src/core/settings/settingRules';
import { defaultSettings, formatProblem, validateSettings } from '../../../src/core/settings/settingsValidator';
import { isInlineEnabledFor } from '../../../src/core/settings/cometSettings';

function readFrom(values: Partial<Record<SettingName, unknown>>) {
  return (name: SettingName) => values[name];
}

describe('settingsValidator', () => {
  it('accepts the defaults and reports nothing', () => {
    const { settings, problems } = validateSettings(readFrom({}));
    assert.deepEqual(problems, []);
    assert.deepEqual(settings, defaultSettings());
    assert.equal(settings.baseUrl, 'https://api.cometapi.com/v1');
    assert.equal(settings.model, 'gpt-3.5-turbo-instruct');
    assert.equal(settings.logprobs, null);
  });

  it('takes valid values, trimming strings', () => {
    const { settings, problems } = validateSettings(
      readFrom({ temperature: 1.5, topP: 0.5, n: 3, logprobs: 2, stop: ['\n\n', 'END'], model: '  llama  ', 'inline.debounceMs': 0 }),
    );
    assert.deepEqual(problems, []);
    assert.equal(settings.temperature, 1.5);
    assert.equal(settings.topP, 0.5);
    assert.equal(settings.n, 3);
    assert.equal(settings.logprobs, 2);
    assert.deepEqual(settings.stop, ['\n\n', 'END']);
    assert.equal(settings.model, 'llama');
    assert.equal(settings.inline.debounceMs, 0);
  });

  const badValues: Array<[SettingName, unknown, RegExp]> = [
    ['temperature', 3, /cometComplete\.temperature.*number from 0 to 2 \(got 3\)/],
    ['temperature', 'hot', /cometComplete\.temperature.*number from 0 to 2 \(got "hot"\)/],
    ['topP', -1, /cometComplete\.topP.*from 0 to 1 \(got -1\)/],
    ['n', 0, /cometComplete\.n.*whole number from 1 to 10 \(got 0\)/],
    ['n', 1.5, /cometComplete\.n.*whole number/],
    ['logprobs', 9, /cometComplete\.logprobs.*from 0 to 5, or null to turn it off \(got 9\)/],
    ['stop', ['a', 'b', 'c', 'd', 'e'], /cometComplete\.stop.*at most 4 strings \(got 5\)/],
    ['stop', 'END', /cometComplete\.stop.*list of at most 4 strings/],
    ['stop', [''], /cometComplete\.stop.*empty string/],
    ['maxTokens', 0, /cometComplete\.maxTokens.*from 1 to 32768/],
    ['baseUrl', 'not a url', /cometComplete\.baseUrl.*must be a URL/],
    ['baseUrl', 'ftp://example.com/v1', /cometComplete\.baseUrl.*http:\/\/ or https:\/\//],
    ['baseUrl', 'https://user:pw@example.com/v1', /cometComplete\.baseUrl.*user name or password/],
    ['model', '   ', /cometComplete\.model.*must not be empty/],
    ['stream', 'yes', /cometComplete\.stream.*true or false/],
    ['inline.languages', { python: 'on' }, /cometComplete\.inline\.languages.*"python"/],
    ['firstByteTimeoutSeconds', 0, /cometComplete\.firstByteTimeoutSeconds.*from 1 to 600/],
  ];
  for (const [name, value, expected] of badValues) {
    it(`refuses ${name} = ${JSON.stringify(value)} naming the setting and the allowed values`, () => {
      const { problems } = validateSettings(readFrom({ [name]: value }));
      assert.equal(problems.length, 1);
      assert.match(formatProblem(problems[0]), expected);
    });
  }

  it('keeps the previous good value when a new value is refused', () => {
    const first = validateSettings(readFrom({ temperature: 0.7, stop: ['x'] }));
    const second = validateSettings(readFrom({ temperature: 3, stop: ['x'] }), first.settings);
    assert.equal(second.settings.temperature, 0.7);
    assert.equal(second.problems.length, 1);
    const third = validateSettings(readFrom({ temperature: 1.1 }), second.settings);
    assert.equal(third.settings.temperature, 1.1);
    assert.deepEqual(third.problems, []);
  });

  it('turns ghost text on or off per language', () => {
    const on = validateSettings(readFrom({ 'inline.languages': { '*': true, markdown: false } })).settings;
    assert.equal(isInlineEnabledFor(on, 'typescript'), true);
    assert.equal(isInlineEnabledFor(on, 'markdown'), false);
    const off = validateSettings(readFrom({ 'inline.languages': { '*': false, python: true } })).settings;
    assert.equal(isInlineEnabledFor(off, 'python'), true);
    assert.equal(isInlineEnabledFor(off, 'go'), false);
    const disabled = validateSettings(readFrom({ 'inline.enabled': false })).settings;
    assert.equal(isInlineEnabledFor(disabled, 'python'), false);
  });
});
