/**
 * Every server profile (test/support/profiles/) in the real extension host: Test Connection, then
 * automatic ghost text accepted into the document, Alt+\ (explicit trigger) cycling with showNext,
 * and Complete Selection with n 2 and logprobs 2 — or, for a chat-only model, the specific message.
 * The expectations per profile are those of the README "Servers" table (test/unit/servers/).
 */
import * as assert from 'assert';
import * as vscode from 'vscode';
import { OpenAiTestServer } from '../../support/openAiTestServer';
import { installProfile, PROFILES, ServerProfile } from '../../support/profiles/serverProfiles';
import {
  acceptAnyGhostText,
  closeAfterTest,
  openEditor,
  pollUntil,
  readOutputChannel,
  setDocumentText,
  setSettings,
  triggerGhostText,
  typeText,
  useHostTestContext,
} from './helpers';

const CHANNEL = 'Comet Complete';
const LOG_CHANNEL = 'Comet Complete Log';
/** The two texts a profile generates (choice 0 and choice 1, see profileWire.middleFor). */
const TEXTS = ['return a + b', 'return b + a'];

interface Expected {
  profile: ServerProfile;
  /** The model used (a chat-only row uses a chat model on the same server). */
  model: string;
  /** For a chat-only model: the specific message (Test Connection, ghost text log, Complete Selection). */
  chatOnly?: RegExp;
  /** How many suggestions Alt+\ offers to cycle (2 where the server honours n > 1). */
  candidates?: 1 | 2;
  /** Whether Complete Selection gets the token logprobs. */
  logprobs?: boolean;
}

const ROWS: Expected[] = [
  { profile: PROFILES['llama-server'], model: PROFILES['llama-server'].model, candidates: 2, logprobs: true },
  { profile: PROFILES.ollama, model: PROFILES.ollama.model, candidates: 1, logprobs: false },
  { profile: PROFILES.vllm, model: PROFILES.vllm.model, candidates: 2, logprobs: true },
  { profile: PROFILES.lmstudio, model: PROFILES.lmstudio.model, candidates: 1, logprobs: false },
  { profile: PROFILES['openai-instruct'], model: PROFILES['openai-instruct'].model, candidates: 2, logprobs: true },
  { profile: PROFILES['openai-chat'], model: PROFILES['openai-chat'].model, chatOnly: /This is a chat model and not supported in the v1\/completions endpoint/ },
  { profile: PROFILES.cometapi, model: PROFILES.cometapi.model, candidates: 2, logprobs: true },
  { profile: PROFILES.cometapi, model: 'gpt-4o-mini', chatOnly: /answers in chat format \(choices\[\]\.message\.content\)/ },
];

/** The part of the channel written by the latest Complete Selection run. */
function latestRun(): string {
  const text = readOutputChannel(CHANNEL);
  const start = text.lastIndexOf('Comet Complete ·');
  return start >= 0 ? text.slice(start) : '';
}

describe('server profiles: every real server in the extension host', () => {
  const ctx = useHostTestContext({ resetSettingsAfter: true });

  async function startProfile(row: Expected): Promise<OpenAiTestServer> {
    const server = closeAfterTest(await OpenAiTestServer.start());
    installProfile(server, row.profile);
    await setSettings({ baseUrl: server.baseUrl, model: row.model, 'inline.candidates': 2, 'inline.debounceMs': 0, n: 2, logprobs: 2, stream: true });
    const saved = await vscode.commands.executeCommand('cometComplete.setApiKey', `sk-profile-${server.port}`);
    assert.strictEqual(saved, true, 'cometComplete.setApiKey(key) did not report success');
    return server;
  }

  /** Test Connection first, as a new user would: it also tells the extension which server this is. */
  async function testConnection(row: Expected): Promise<string> {
    await vscode.commands.executeCommand('cometComplete.testConnection');
    const message = await pollUntil(() => ctx.stub.messages.find((m) => m.message.includes(row.model)), {
      timeoutMs: 20_000,
      what: `Test Connection to report on ${row.model}`,
      detail: () => JSON.stringify(ctx.stub.messages),
    });
    return message.message;
  }

  async function completeSelection(content: string): Promise<string> {
    const editor = await openEditor(content, 'py');
    editor.selection = new vscode.Selection(editor.document.positionAt(0), editor.document.positionAt(content.length));
    const before = readOutputChannel(CHANNEL).length;
    await vscode.commands.executeCommand('cometComplete.completeSelection');
    return pollUntil(() => (readOutputChannel(CHANNEL).length > before && /finish reason|error:/i.test(latestRun()) ? latestRun() : ''), {
      timeoutMs: 15_000,
      what: 'Complete Selection to write its result (finish reason or error) into the output channel',
      detail: () => `channel: ${JSON.stringify(latestRun())}`,
    });
  }

  for (const row of ROWS) {
    const title = `${row.profile.name}${row.model !== row.profile.model ? ` with ${row.model}` : ''}`;

    if (row.chatOnly) {
      const chatOnly = row.chatOnly;
      it(`server profile ${title}: Test Connection, ghost text and Complete Selection give the specific chat-model message`, async function () {
        this.timeout(90_000);
        const server = await startProfile(row);
        const said = await testConnection(row);
        assert.match(said, /chat/i, `Test Connection does not say it is a chat model: ${said}`);

        const prefix = 'def add(a, b):\n   ';
        const editor = await openEditor(prefix, 'py');
        const asked = server.requests.length;
        await typeText(' ');
        await server.waitForRequest((r) => r.index >= asked && r.method === 'POST');
        const logged = await pollUntil(() => (chatOnly.test(readOutputChannel(LOG_CHANNEL)) ? readOutputChannel(LOG_CHANNEL) : ''), {
          timeoutMs: 15_000,
          what: `the ghost-text request log to carry the chat-model message ${chatOnly}`,
          detail: () => readOutputChannel(LOG_CHANNEL).slice(-1500),
        });
        assert.ok(logged.length > 0);
        assert.strictEqual(editor.document.getText(), `${prefix} `, 'a chat reply must not become ghost text');
        await vscode.commands.executeCommand('workbench.action.closeAllEditors');

        const transcript = await completeSelection('def add(a, b):\n    ');
        assert.match(transcript, /error:/, `Complete Selection did not report an error: ${transcript}`);
        assert.match(transcript, chatOnly, `Complete Selection does not give the specific message: ${transcript}`);
      });
      continue;
    }

    it(`server profile ${title}: ghost text accepted, Alt+\\ cycling, Complete Selection n=2 logprobs=2`, async function () {
      this.timeout(90_000);
      const server = await startProfile(row);
      const said = await testConnection(row);
      assert.match(said, /works on \/completions/, `Test Connection did not find it working: ${said}`);

      // Automatic ghost text: typing asks, accepting puts the text into the document.
      const prefix = 'def add(a, b):\n   ';
      const editor = await openEditor(prefix, 'py');
      await typeText(' ');
      const accepted = (await acceptAnyGhostText(editor, 15_000)).slice(prefix.length + 1);
      assert.ok(accepted.startsWith(TEXTS[0]), `accepted ghost text ${JSON.stringify(accepted)} is not the server's ${JSON.stringify(TEXTS[0])}`);
      const automatic = server.requests.filter((r) => r.method === 'POST' && r.url.endsWith('/completions') && r.body?.max_tokens !== 1);
      assert.ok(automatic.length > 0, 'no completion request reached the server');

      // Alt+\: an explicit trigger; showNext cycles to the second suggestion where the server honours n > 1.
      const base = 'def add(a, b):\n    # sum\n    ';
      const shown: string[] = [];
      for (let steps = 0; steps <= 1; steps++) {
        await setDocumentText(editor, base);
        const asked = server.requests.length;
        await triggerGhostText();
        if (steps === 0) await server.waitForRequest((r) => r.index >= asked && r.method === 'POST' && r.body?.n === 2);
        for (let i = 0; i < steps; i++) await vscode.commands.executeCommand('editor.action.inlineSuggest.showNext');
        shown.push((await acceptAnyGhostText(editor, 15_000)).slice(base.length));
      }
      if (row.candidates === 2) {
        assert.deepStrictEqual(shown.map((s) => TEXTS.find((t) => s.startsWith(t))).sort(), [...TEXTS].sort(), `cycling gave ${JSON.stringify(shown)}`);
      } else {
        assert.strictEqual(shown[1], shown[0], `with one suggestion, showNext should stay on it: ${JSON.stringify(shown)}`);
        assert.ok(shown[0].startsWith(TEXTS[0]), `Alt+\\ gave ${JSON.stringify(shown[0])}`);
      }
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');

      // Complete Selection with n 2, logprobs 2.
      const transcript = await completeSelection('def add(a, b):\n    ');
      assert.doesNotMatch(transcript, /error:/, `Complete Selection failed: ${transcript}`);
      assert.match(transcript, /n=2/, `the transcript header does not show n=2: ${transcript}`);
      assert.ok(transcript.includes(TEXTS[0]), `choice 1 is not in the channel: ${transcript}`);
      if (row.candidates === 2) {
        assert.match(transcript, /── choice 2 of 2 ──/, `no second choice: ${transcript}`);
        assert.ok(transcript.includes(TEXTS[1]), `choice 2's text is not in the channel: ${transcript}`);
      } else {
        assert.doesNotMatch(transcript, /── choice 2 of 2 ──\n\S/, `a second choice from a server that ignores n: ${transcript}`);
      }
      if (row.logprobs) assert.match(transcript, /logprobs \(token, log probability, alternatives\)/, `no logprobs: ${transcript}`);
      else assert.doesNotMatch(transcript, /logprobs \(token, log probability, alternatives\)/, `logprobs from a server that has none: ${transcript}`);
    });
  }
});
