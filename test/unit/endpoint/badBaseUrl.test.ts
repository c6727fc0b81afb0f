/**
 * Issue 10, item 2: a bad `cometComplete.baseUrl` stops every request with a message naming the
 * setting, and never falls back to another host (the default, https://api.cometapi.com/v1).
 */
import * as assert from 'node:assert/strict';
import { requestCompletion } from '../../../src/core/client/completionClient';
import { parseBaseUrl } from '../../../src/core/endpoint/baseUrl';
import { resolveEndpoint } from '../../../src/core/endpoint/endpoint';
import { modelsUrl } from '../../../src/core/models/modelSources';
import { SettingName } from '../../../src/core/settings/settingRules';
import { formatProblem, validateSettings } from '../../../src/core/settings/settingsValidator';
import { OpenAiTestServer } from '../../support/openAiTestServer';

const BAD = ['localhost:11434/v1', '127.0.0.1:8080/v1', 'http://127.0.0.1:8080/v1?key=1', 'http://127.0.0.1:8080/v1#x', 'not a url', 'ftp://example.com/v1'];

function readOnly(values: Partial<Record<SettingName, unknown>>) {
  return (name: SettingName) => values[name];
}

describe('a bad base URL (issue 10 item 2)', () => {
  for (const value of BAD) {
    it(`“${value}” on first read is kept and refused, never replaced by the default host`, () => {
      const { settings, problems } = validateSettings(readOnly({ baseUrl: value }));
      assert.equal(settings.baseUrl, value, 'the refused value is kept, not the CometAPI default');
      assert.notEqual(settings.baseUrl, 'https://api.cometapi.com/v1');
      assert.equal(problems.length, 1);
      assert.match(formatProblem(problems[0]), /“cometComplete\.baseUrl”.*Nothing is sent until it is fixed\./);
      const endpoint = resolveEndpoint(settings.baseUrl);
      assert.ok(endpoint.problem, 'the endpoint carries the problem');
      assert.match(endpoint.problem, /cometComplete\.baseUrl/);
      assert.ok(!endpoint.origin.startsWith('http'), `no key is stored under ${endpoint.origin}`);
      assert.equal(modelsUrl(settings.baseUrl), undefined, 'the model list is not asked either');
    });
  }

  it('also after a good value: an edit to a bad one is not replaced by the previous good one', () => {
    const good = validateSettings(readOnly({ baseUrl: 'http://127.0.0.1:8080/v1' })).settings;
    const { settings } = validateSettings(readOnly({ baseUrl: 'localhost:11434/v1' }), good);
    assert.equal(settings.baseUrl, 'localhost:11434/v1');
  });

  it('a URL without its scheme gets the fix spelled out', () => {
    const checked = parseBaseUrl('localhost:11434/v1');
    assert.ok('problem' in checked);
    assert.match(checked.problem, /http:\/\/ or https:\/\/.*did you mean “http:\/\/localhost:11434\/v1”/);
  });

  describe('the client sends nothing and names the setting', () => {
    let server: OpenAiTestServer;
    before(async () => (server = await OpenAiTestServer.start()));
    after(async () => server.close());

    for (const suffix of ['?key=1', '#frag']) {
      it(`a base URL with ${suffix.startsWith('?') ? 'a query' : 'a fragment'} is refused (kind config)`, async () => {
        server.reset();
        const outcome = await requestCompletion(
          { baseUrl: `${server.baseUrl}${suffix}`, timeoutMs: 2000 },
          { model: 'm', prompt: 'p', max_tokens: 1, temperature: 0, top_p: 1, n: 1, stream: false },
        );
        assert.equal(outcome.ok, false);
        if (outcome.ok) return;
        assert.equal(outcome.error.kind, 'config');
        assert.match(outcome.error.message, /“cometComplete\.baseUrl”.*query.*Nothing is sent/);
        assert.equal(server.requests.length, 0);
      });
    }
  });
});
