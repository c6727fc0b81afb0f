/** Issue 10, item 7: a key with an invisible character is refused when entered, and a stored one is named, not a "network" error. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { apiKeyProblem, describeApiKeyProblem } from '../../../src/core/client/apiKeyText';
import { requestCompletion } from '../../../src/core/client/completionClient';
import { OpenAiTestServer } from '../../support/openAiTestServer';

const KEY = 'sk-test-0123456789abcdef';

describe('API key text (issue 10 item 7)', () => {
  it('accepts a plain key, with surrounding whitespace trimmed', () => {
    assert.equal(apiKeyProblem(KEY), undefined);
    assert.equal(apiKeyProblem(`  ${KEY}\n`), undefined);
  });

  for (const [name, char] of [
    ['zero-width space', '\u200b'],
    ['byte order mark', '\ufeff'],
    ['non-breaking space', '\u00a0'],
    ['word joiner', '\u2060'],
    ['en dash', '\u2013'],
  ] as const) {
    it(`refuses a key with a ${name} inside, naming the character and its position, not the key`, () => {
      const problem = apiKeyProblem(`sk-${char}abc`);
      assert.ok(problem && problem.kind === 'invisible');
      assert.equal(problem.position, 4);
      const text = describeApiKeyProblem(problem);
      assert.match(text, /position 4/);
      assert.match(text, new RegExp(`U\\+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`));
      assert.ok(!text.includes('sk-'), 'the key is not echoed');
    });
  }

  it('refuses inner spaces and an empty key', () => {
    assert.equal(apiKeyProblem('sk- abc')?.kind, 'whitespace');
    assert.equal(apiKeyProblem('   ')?.kind, 'empty');
  });

  describe('a stored key with an invisible character', () => {
    let server: OpenAiTestServer;
    before(async () => (server = await OpenAiTestServer.start()));
    after(async () => server.close());

    it('fails as a key problem (kind auth) before anything is sent, not as a network error', async () => {
      const outcome = await requestCompletion(
        { baseUrl: server.baseUrl, apiKey: `${KEY}\u200b`, timeoutMs: 2000 },
        { model: 'm', prompt: 'p', max_tokens: 1, temperature: 0, top_p: 1, n: 1, stream: false },
      );
      assert.equal(outcome.ok, false);
      if (outcome.ok) return;
      assert.equal(outcome.error.kind, 'auth');
      assert.match(outcome.error.message, /stored API key cannot be sent.*U\+200B.*Set API Key/);
      assert.ok(!outcome.error.message.includes(KEY));
      assert.equal(server.requests.length, 0);
    });
  });
});

describe('eventsource-parser floor (issue 10 item 7)', () => {
  it('package.json allows no version without `maxBufferSize` (added in 3.1.0)', () => {
    let dir = __dirname;
    while (!fs.existsSync(path.join(dir, 'package.json')) || !fs.readFileSync(path.join(dir, 'package.json'), 'utf8').includes('"eventsource-parser"')) {
      const up = path.dirname(dir);
      if (up === dir) throw new Error('package.json not found');
      dir = up;
    }
    const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
    const range: string = pkg.dependencies['eventsource-parser'];
    const floor = /^[\^~]?(\d+)\.(\d+)\.(\d+)$/.exec(range);
    assert.ok(floor, `a simple range: ${range}`);
    const [major, minor] = [Number(floor[1]), Number(floor[2])];
    assert.ok(major > 3 || (major === 3 && minor >= 1), `the floor of ${range} is below 3.1.0, which lacks maxBufferSize`);
  });
});
