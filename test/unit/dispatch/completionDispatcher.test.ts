import * as assert from 'node:assert/strict';
import { CompletionDispatcher, DispatchPorts, DispatchRequest, StoredKey } from '../../../src/core/dispatch/completionDispatcher';
import { CometSettings } from '../../../src/core/settings/cometSettings';
import { defaultSettings } from '../../../src/core/settings/settingsValidator';
import { Handler, OpenAiTestServer, sendOpenAiError } from '../../support/openAiTestServer';

/** Ports that record every call, with a stored key per origin. */
function recordingPorts(keys: Record<string, StoredKey> = {}) {
  const calls: Array<[string, ...unknown[]]> = [];
  const ports: DispatchPorts = {
    keyFor: async (origin) => {
      calls.push(['keyFor', origin]);
      return keys[origin] ?? { kind: 'missing' };
    },
    askForKey: (origin, fromTyping) => calls.push(['askForKey', origin, fromTyping]),
    showTarget: () => undefined,
    beginRequest: () => () => undefined,
    showError: (message) => calls.push(['showError', message]),
    recordOutcome: () => undefined,
    logRequest: (facts, failed) => calls.push(['logRequest', facts.purpose, facts.outcome, failed]),
    logInfo: (text) => calls.push(['logInfo', text]),
    notifyFailure: (error) => calls.push(['notifyFailure', error.kind]),
    notifyPaused: (trip) => calls.push(['notifyPaused', trip.failures, trip.first]),
    notifySucceeded: () => calls.push(['notifySucceeded']),
  };
  const named = (name: string) => calls.filter((c) => c[0] === name);
  return { ports, calls, named };
}

function request(purpose: DispatchRequest['purpose']): DispatchRequest {
  return { purpose, body: { model: 'm', prompt: 'p', max_tokens: 4, temperature: 0, top_p: 1, n: 1, stream: false }, signal: new AbortController().signal };
}

describe('CompletionDispatcher (the sending policy, against a loopback server)', function () {
  let server: OpenAiTestServer;
  let settings: CometSettings;
  let origin: string;
  before(async () => {
    server = await OpenAiTestServer.start({ defaultText: ' ok' });
    origin = new URL(server.baseUrl).origin;
  });
  after(() => server.close());
  beforeEach(() => {
    server.reset();
    settings = { ...defaultSettings(), baseUrl: server.baseUrl };
  });

  it('refuses plain http to another machine before touching the key, and says which setting allows it', async () => {
    const { ports, named } = recordingPorts();
    const dispatcher = new CompletionDispatcher(ports);
    const outcome = await dispatcher.send({ ...settings, baseUrl: 'http://192.0.2.1:8080/v1' }, request('complete selection'));
    assert.ok(outcome && !outcome.ok);
    assert.equal(outcome.error.kind, 'config');
    assert.match(outcome.error.message, /allowInsecureHttp/);
    assert.deepEqual(named('keyFor'), []);
    assert.deepEqual(named('notifyFailure'), [['notifyFailure', 'config']]);
  });

  it('asks for a missing key (quietly for ghost text) and sends nothing', async () => {
    const { ports, named } = recordingPorts();
    const dispatcher = new CompletionDispatcher(ports);
    assert.equal(await dispatcher.send(settings, request('ghost text')), undefined);
    assert.deepEqual(named('askForKey'), [['askForKey', origin, true]]);
    assert.equal(server.requests.length, 0);
  });

  it('pauses ghost text after three failures in a row: the fourth is not sent, one notification; a settings change resumes', async () => {
    const { ports, named } = recordingPorts({ [origin]: { kind: 'key', key: 'sk-test' } });
    const dispatcher = new CompletionDispatcher(ports);
    const fail: Handler = (_req, res) => sendOpenAiError(res, 500, 'boom');
    server.handle(fail, fail, fail);
    for (let i = 0; i < 3; i++) {
      const outcome = await dispatcher.send(settings, request('ghost text'));
      assert.ok(outcome && !outcome.ok);
    }
    assert.equal(dispatcher.isPaused(), true);
    assert.equal(await dispatcher.send(settings, request('ghost text')), undefined);
    assert.equal(server.requests.length, 3);
    assert.deepEqual(named('notifyPaused'), [['notifyPaused', 3, true]]);
    assert.deepEqual(named('notifyFailure'), [], 'ghost text never notifies per failure');

    const resumed = await dispatcher.send({ ...settings, model: 'another' }, request('ghost text'));
    assert.ok(resumed?.ok);
    assert.equal(server.requests.length, 4);
  });

  it('retries Complete Selection after a 503 and logs the retry; ghost text is sent only once', async () => {
    const { ports, named } = recordingPorts({ [origin]: { kind: 'key', key: 'sk-test' } });
    const dispatcher = new CompletionDispatcher(ports, { sleep: async () => true });
    server.handle((_req, res) => sendOpenAiError(res, 503, 'busy'));
    const outcome = await dispatcher.send(settings, request('complete selection'));
    assert.ok(outcome?.ok);
    assert.equal(server.requests.length, 2);
    const logged = named('logRequest');
    assert.equal(logged.length, 2);
    assert.match(String(logged[0][2]), /attempt 1 of \d+; retrying in/);
    assert.equal(logged[0][3], true);

    server.reset();
    server.handle((_req, res) => sendOpenAiError(res, 503, 'busy'));
    const once = await dispatcher.send(settings, request('ghost text'));
    assert.ok(once && !once.ok);
    assert.equal(server.requests.length, 1);
  });

  it('sends no key to a server the user said needs none', async () => {
    const { ports } = recordingPorts({ [origin]: { kind: 'noKeyNeeded' } });
    const outcome = await new CompletionDispatcher(ports).send(settings, request('test connection'));
    assert.ok(outcome?.ok);
    assert.equal(server.requests[0].headers.authorization, undefined);
  });
});
