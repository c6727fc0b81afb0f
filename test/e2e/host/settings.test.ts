import * as assert from 'assert';
import {
  openEditor,
  setSettings,
  startServer,
  triggerGhostText,
  useHostTestContext,
} from './helpers';

describe('settings', () => {
  const ctx = useHostTestContext({
    resetSettingsAfter: true,
  });

  it('a settings change applies to the next request without reload', async () => {
    const first = await startServer();
    await setSettings({ model: 'e2e-model-a', 'inline.maxTokens': 11, temperature: 0.5 });
    await openEditor('def area(r):\n    return ', 'py');
    await triggerGhostText();
    const a = await first.waitForRequest((r) => r.body?.model === 'e2e-model-a');
    assert.strictEqual(a.body.max_tokens, 11);
    assert.strictEqual(a.body.temperature, 0.5);
    assert.strictEqual(a.url, '/v1/completions');

    await setSettings({ model: 'e2e-model-b', 'inline.maxTokens': 22, temperature: 0.9, topP: 0.7 });
    await triggerGhostText();
    const b = await first.waitForRequest((r) => r.body?.model === 'e2e-model-b');
    assert.strictEqual(b.body.max_tokens, 22);
    assert.strictEqual(b.body.temperature, 0.9);
    assert.strictEqual(b.body.top_p, 0.7);

    // A new base URL takes effect just as fast.
    const second = await startServer();
    await triggerGhostText();
    const c = await second.waitForRequest(1);
    assert.strictEqual(c.body.model, 'e2e-model-b');
    assert.deepStrictEqual(ctx.stub.messages.filter((m) => m.severity !== 'information'), [], 'unexpected warnings');
  });
});
