import * as assert from 'node:assert/strict';
import { KeyPromptPolicy } from '../../../src/core/walkthrough/keyPromptPolicy';

const COMET = { origin: 'https://api.cometapi.com', isLoopback: false };
const LOCAL = { origin: 'http://127.0.0.1:8080', isLoopback: true };

describe('KeyPromptPolicy: one key notification on a first start', () => {
  it('first start: activation and typing ask together, and only the welcome shows (key and walkthrough)', () => {
    const policy = new KeyPromptPolicy(false);
    const atActivation = policy.next({ ...COMET, automatic: true });
    const fromTyping = policy.next({ ...COMET, automatic: true });
    assert.deepEqual(atActivation, { kind: 'welcome', origin: COMET.origin, actions: ['setKey', 'openWalkthrough'] });
    assert.equal(fromTyping, undefined);
    assert.equal(policy.welcomed, true);
  });

  it('first start: typing may come before activation asks; the first prompt is still the welcome, and the second is dropped', () => {
    const policy = new KeyPromptPolicy(false);
    assert.equal(policy.next({ ...COMET, automatic: true })?.kind, 'welcome');
    assert.equal(policy.next({ ...COMET, automatic: true }), undefined);
  });

  it('the welcome for a server on this machine also offers "Use Without Key"', () => {
    const policy = new KeyPromptPolicy(false);
    assert.deepEqual(policy.next({ ...LOCAL, automatic: true })?.actions, ['setKey', 'useWithoutKey', 'openWalkthrough']);
  });

  it('after the first start, typing asks with the plain key prompt once per endpoint per session', () => {
    const policy = new KeyPromptPolicy(true);
    assert.deepEqual(policy.next({ ...COMET, automatic: true }), { kind: 'missingKey', origin: COMET.origin, actions: ['setKey', 'useWithoutKey'] });
    assert.equal(policy.next({ ...COMET, automatic: true }), undefined);
    assert.equal(policy.next({ ...LOCAL, automatic: true })?.kind, 'missingKey', 'another endpoint is asked about on its own');
  });

  it('a command the user ran asks every time, even right after the welcome', () => {
    const policy = new KeyPromptPolicy(false);
    assert.equal(policy.next({ ...COMET, automatic: true })?.kind, 'welcome');
    assert.equal(policy.next({ ...COMET, automatic: false })?.kind, 'missingKey');
    assert.equal(policy.next({ ...COMET, automatic: false })?.kind, 'missingKey');
  });

  it('"Get Started" re-arms the endpoint: the next typing without a key asks (as the walkthrough says)', () => {
    const policy = new KeyPromptPolicy(false);
    policy.next({ ...COMET, automatic: true });
    policy.rearm(COMET.origin);
    assert.equal(policy.next({ ...COMET, automatic: true })?.kind, 'missingKey');
    assert.equal(policy.next({ ...COMET, automatic: true }), undefined);
  });

  it('reset (the key changed) lets every endpoint ask again', () => {
    const policy = new KeyPromptPolicy(true);
    policy.next({ ...COMET, automatic: true });
    policy.next({ ...LOCAL, automatic: true });
    policy.reset();
    assert.equal(policy.next({ ...COMET, automatic: true })?.kind, 'missingKey');
    assert.equal(policy.next({ ...LOCAL, automatic: true })?.kind, 'missingKey');
  });
});
