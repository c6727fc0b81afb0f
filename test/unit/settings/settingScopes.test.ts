import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SCOPED_SETTINGS } from '../../../src/core/settings/scopedSettings';

const manifest = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../../package.json'), 'utf8'));
const contributed: Record<string, { scope?: string }> = Object.assign(
  {},
  ...manifest.contributes.configuration.map((group: { properties: object }) => group.properties),
);
const scopeOf = (name: string) => contributed[`cometComplete.${name}`]?.scope;

describe('setting scopes (issue 11, item 2)', () => {
  it('what a language or a folder may want differently is language-overridable (which implies per-folder)', () => {
    for (const name of ['model', 'temperature', 'maxTokens', 'stop', 'useSuffix', 'inline.enabled', 'inline.debounceMs', 'inline.maxTokens',
      'inline.multiLineMaxTokens', 'inline.maxLines', 'inline.fimTemplate', 'inline.maxPrefixChars', 'inline.candidates',
      'completeSelection.insertIntoEditor', 'completeSelection.maxPrefixChars']) {
      assert.equal(scopeOf(name), 'language-overridable', name);
    }
  });

  it('where the key goes stays user-only; the language map, timeouts and logging are not per language', () => {
    assert.equal(scopeOf('baseUrl'), 'application');
    assert.equal(scopeOf('allowInsecureHttp'), 'application');
    for (const name of ['inline.languages', 'requestTimeoutSeconds', 'connectTimeoutSeconds', 'log.promptPreviewChars']) {
      assert.notEqual(scopeOf(name), 'language-overridable', name);
    }
    assert.equal(scopeOf('excludeFiles'), 'resource');
  });

  it('the adapter reads in the document scope exactly the settings package.json scopes per language or resource', () => {
    const scoped = Object.entries(contributed)
      .filter(([, entry]) => entry.scope === 'language-overridable' || entry.scope === 'resource')
      .map(([key]) => key.replace(/^cometComplete\./, ''))
      .sort();
    assert.deepEqual([...SCOPED_SETTINGS].sort(), scoped);
  });
});
