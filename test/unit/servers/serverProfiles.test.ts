/**
 * Every server profile through the same client paths (issue 10): Test Connection, ghost text
 * (automatic and Alt+\), Complete Selection with n 2 and logprobs 2. Each works, or fails with
 * a message naming the limit. The README "Servers" table is produced from these rows: this test
 * fails when it drifts.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { MIDDLE } from '../../support/profiles/profileWire';
import { PROFILES } from '../../support/profiles/serverProfiles';
import { MatrixRow, runMatrix, TABLE_HEADER, tableRow } from './serverMatrix';

function readme(): { file: string; text: string } {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const file = path.join(dir, 'README.md');
    if (fs.existsSync(file) && fs.existsSync(path.join(dir, 'package.json'))) return { file, text: fs.readFileSync(file, 'utf8') };
    if (path.dirname(dir) === dir) throw new Error('README.md not found');
  }
}

describe('server profiles: the same client paths on every server (issue 10)', function () {
  this.timeout(30000);
  const rows: MatrixRow[] = [];

  it('llama-server: template in prompt (suffix is ignored there), n ≤ --parallel, chat-shape logprobs', async () => {
    const row = await runMatrix(PROFILES['llama-server']);
    rows.push(row);
    assert.equal(row.findings.kind, 'llama.cpp');
    assert.deepEqual(row.ghostText, [MIDDLE]);
    assert.match(row.ghostBodies[0].prompt, /^<\|fim_prefix\|>/);
    assert.equal(row.ghostBodies[0].suffix, undefined);
    assert.deepEqual(row.cycling, [MIDDLE, 'return b + a'], 'Alt+\\ asks for 2 candidates and cycles both');
    assert.deepEqual([row.selection.choices, row.selection.logprobs], [2, true]);
  });

  it('Ollama: suffix (the server applies the model’s FIM template), never raw FIM tokens; n ignored, no logprobs', async () => {
    const row = await runMatrix(PROFILES.ollama);
    rows.push(row);
    assert.equal(row.findings.kind, 'ollama');
    assert.deepEqual(row.ghostText, [MIDDLE], 'not the chat answer a raw FIM prompt gets');
    assert.ok(row.ghostBodies.every((b) => !b.prompt.includes('<|fim_prefix|>') && typeof b.suffix === 'string'));
    assert.deepEqual([row.selection.choices, row.selection.logprobs], [1, false]);
    assert.equal(row.cycling.length, 1, 'n is ignored: one suggestion to cycle');
    assert.deepEqual([row.findings.suffix, row.findings.multipleChoices, row.findings.logprobs], ['yes', 'no', 'no']);
  });

  it('Ollama, a model without insert: suffix refused once, then prefix only', async () => {
    const row = await runMatrix(PROFILES.ollama, 'llama3.2');
    assert.equal(row.findings.suffix, 'no');
    assert.match(row.findings.notes.join(' '), /does not support insert/);
  });

  it('vLLM: never sends suffix (400 there), template in prompt, n and logprobs work', async () => {
    const row = await runMatrix(PROFILES.vllm);
    rows.push(row);
    assert.equal(row.findings.kind, 'vllm');
    assert.deepEqual(row.ghostText, [MIDDLE]);
    assert.ok(row.ghostBodies.every((b) => b.suffix === undefined));
    assert.equal(row.cycling.length, 2);
    assert.deepEqual([row.selection.choices, row.selection.logprobs], [2, true]);
    assert.equal(row.findings.suffix, 'no');
  });

  it('LM Studio: template in prompt; n and logprobs not honoured (unverified upstream, modelled as ignored)', async () => {
    const row = await runMatrix(PROFILES.lmstudio);
    rows.push(row);
    assert.equal(row.findings.kind, 'lmstudio');
    assert.deepEqual(row.ghostText, [MIDDLE]);
    assert.deepEqual([row.selection.choices, row.selection.logprobs], [1, false]);
  });

  it('OpenAI gpt-3.5-turbo-instruct: suffix, n and legacy logprobs', async () => {
    const row = await runMatrix(PROFILES['openai-instruct']);
    rows.push(row);
    assert.equal(row.findings.kind, 'openai');
    assert.deepEqual(row.ghostText, [MIDDLE]);
    assert.equal(typeof row.ghostBodies[0].suffix, 'string');
    assert.equal(row.cycling.length, 2);
    assert.deepEqual([row.selection.choices, row.selection.logprobs], [2, true]);
  });

  it('OpenAI chat-only model: every path fails naming the limit (a chat model on the legacy route)', async () => {
    const row = await runMatrix(PROFILES['openai-chat']);
    rows.push(row);
    assert.equal(row.findings.textCompletions, 'no');
    assert.deepEqual(row.ghostText, []);
    assert.match(row.ghostError ?? '', /chat model/);
    assert.equal(row.selection.ok, false);
    assert.match(row.selection.message ?? '', /chat model/);
  });

  it('CometAPI gpt-3.5-turbo-instruct: as OpenAI', async () => {
    const row = await runMatrix(PROFILES.cometapi);
    rows.push(row);
    assert.deepEqual(row.ghostText, [MIDDLE]);
    assert.equal(row.cycling.length, 2);
    assert.deepEqual([row.selection.choices, row.selection.logprobs], [2, true]);
  });

  it('CometAPI chat-only model answering in chat shape: a specific error, not an empty success', async () => {
    const row = await runMatrix(PROFILES.cometapi, 'gpt-4o-mini', 'CometAPI chat-only model (gpt-4o-mini)');
    rows.push(row);
    assert.equal(row.findings.textCompletions, 'no');
    assert.equal(row.findings.first.ok ? undefined : row.findings.first.error.modelProblem, 'chatReply');
    assert.match(row.ghostError ?? '', /answers in chat format/);
    assert.match(row.selection.message ?? '', /answers in chat format/);
  });

  it('the README "Servers" table is what these profiles produce', () => {
    assert.equal(rows.length, 8, 'every profile ran');
    const expected = [TABLE_HEADER, ...rows.map(tableRow)].join('\n');
    const { text } = readme();
    const match = /<!-- servers-table:start -->\n([\s\S]*?)\n<!-- servers-table:end -->/.exec(text);
    assert.ok(match, 'README.md has the servers table markers');
    assert.equal(match[1], expected, `README "Servers" table drifted; expected:\n${expected}`);
  });
});
