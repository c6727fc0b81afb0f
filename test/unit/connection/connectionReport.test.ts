/** Test Connection says what it found and offers the settings that fit (issue 10, step 4), against server profiles. */
import * as assert from 'node:assert/strict';
import { describeFindings } from '../../../src/core/connection/connectionReport';
import { ServerKindMemory } from '../../../src/core/connection/serverKind';
import { probeServer } from '../../../src/core/connection/serverProbe';
import { OpenAiTestServer } from '../../support/openAiTestServer';
import { installProfile, PROFILES, ProfileId } from '../../support/profiles/serverProfiles';

async function report(id: ProfileId, current: Record<string, unknown> = {}) {
  const server = await OpenAiTestServer.start();
  try {
    installProfile(server, PROFILES[id]);
    const findings = await probeServer({ baseUrl: server.baseUrl, apiKey: 'sk-x', timeoutMs: 5000 }, PROFILES[id].model, { kinds: new ServerKindMemory() });
    return { findings, report: describeFindings(findings, { model: PROFILES[id].model, host: `127.0.0.1:${server.port}` }, (name) => current[name]), server };
  } finally {
    await server.close();
  }
}

describe('Test Connection report (issue 10)', function () {
  this.timeout(20000);

  it('vLLM: names the server, says suffix is refused with the server’s words, n and logprobs work', async () => {
    const { report: r } = await report('vllm', { useSuffix: false, 'inline.fimTemplate': 'auto' });
    assert.match(r.message, /^Found vLLM at 127\.0\.0\.1:\d+\. Model “Qwen\/Qwen2\.5-Coder-1\.5B” works on \/completions .*answered in/);
    assert.match(r.message, /Suffix \/ fill-in-the-middle: no; n > 1: yes; logprobs: yes\./);
    assert.match(r.message, /suffix: refused \(400: suffix is not currently supported\)/);
    assert.deepEqual(r.offer, {});
    assert.ok(!r.actions.includes('applySettings'));
  });

  it('Ollama: offers the settings that fit (one candidate, no logprobs, suffix on) with a button', async () => {
    const { report: r, findings } = await report('ollama', { useSuffix: false, 'inline.fimTemplate': 'auto', 'inline.candidates': 3, n: 2, logprobs: 2 });
    assert.equal(findings.kind, 'ollama');
    assert.match(r.message, /^Found Ollama/);
    assert.match(r.message, /n > 1: ignored \(1 choice returned\)/);
    assert.deepEqual(r.offer, { useSuffix: true, 'inline.candidates': 1, n: 1, logprobs: null });
    assert.equal(r.actions[0], 'applySettings');
  });

  it('a chat-only model: says so and offers Select Model, probing nothing else', async () => {
    const { report: r, findings, server } = await report('openai-chat');
    assert.equal(findings.textCompletions, 'no');
    assert.match(r.message, /^Found OpenAI .*does not serve the legacy \/completions route/);
    assert.ok(r.actions.includes('selectModel'));
    assert.equal(server.requests.filter((q) => q.method === 'POST').length, 1, 'no suffix / n / logprobs probes after the refusal');
  });
});
