import * as assert from 'node:assert/strict';
import { ApiError } from '../../../src/core/apiError';
import { CompletionOutcome } from '../../../src/core/completionClient';
import { CompletionRequestBody } from '../../../src/core/completionTypes';
import { InlineCompletionEngine, InlineContext } from '../../../src/core/inlineEngine/inlineCompletionEngine';
import { CometSettings } from '../../../src/core/settings/cometSettings';
import { defaultSettings } from '../../../src/core/settings/settingsValidator';

function outcome(...texts: string[]): CompletionOutcome {
  return {
    ok: true,
    result: { id: 'x', model: 'm', created: 0, choices: texts.map((text, index) => ({ index, text, finishReason: 'stop', logprobs: [] })) },
    meta: { totalMs: 1, url: 'u' },
  };
}

function setup(settings: CometSettings, reply: CompletionOutcome) {
  const sent: CompletionRequestBody[] = [];
  const delays: number[] = [];
  const engine = new InlineCompletionEngine({
    settings: () => settings,
    complete: async (body) => {
      sent.push(body);
      return reply;
    },
    delay: async (ms, signal) => {
      delays.push(ms);
      return !signal.aborted;
    },
  });
  return { engine, sent, delays };
}

const context: InlineContext = { languageId: 'typescript', prefix: 'const x = ', suffix: ';\n', explicit: false };

describe('InlineCompletionEngine', () => {
  it('waits the debounce, then asks for one completion of the prefix', async () => {
    const { engine, sent, delays } = setup(defaultSettings(), outcome('42'));
    assert.deepEqual(await engine.suggest(context, new AbortController().signal), ['42']);
    assert.deepEqual(delays, [150]);
    assert.equal(sent.length, 1);
    assert.equal(sent[0].prompt, 'const x = ');
    assert.equal(sent[0].n, 1);
    assert.equal(sent[0].max_tokens, 64);
    assert.equal(sent[0].suffix, undefined);
  });

  it('sends nothing when a newer keystroke aborted the wait', async () => {
    const controller = new AbortController();
    const settings = defaultSettings();
    const sent: CompletionRequestBody[] = [];
    const engine = new InlineCompletionEngine({
      settings: () => settings,
      complete: async (body) => {
        sent.push(body);
        return outcome('x');
      },
      delay: async () => {
        controller.abort();
        return false;
      },
    });
    assert.deepEqual(await engine.suggest(context, controller.signal), []);
    assert.equal(sent.length, 0);
  });

  it('skips the debounce and asks for several distinct candidates on explicit trigger', async () => {
    const { engine, sent, delays } = setup(defaultSettings(), outcome('a', 'b', 'a', '   ', 'c  \n'));
    assert.deepEqual(await engine.suggest({ ...context, explicit: true }, new AbortController().signal), ['a', 'b', 'c']);
    assert.deepEqual(delays, []);
    assert.equal(sent[0].n, 3);
  });

  it('bounds the prompt by the character budget and sends the suffix only when enabled', async () => {
    const settings = { ...defaultSettings(), useSuffix: true, inline: { ...defaultSettings().inline, maxPrefixChars: 100, maxSuffixChars: 2 } };
    const { engine, sent } = setup(settings, outcome('x'));
    await engine.suggest({ ...context, prefix: 'p'.repeat(500) + 'END', suffix: 'abcdef' }, new AbortController().signal);
    assert.equal(sent[0].prompt.length, 100);
    assert.ok(sent[0].prompt.endsWith('END'));
    assert.equal(sent[0].suffix, 'ab');
  });

  it('returns nothing for a failed request', async () => {
    const failed: CompletionOutcome = { ok: false, error: new ApiError({ kind: 'server', message: 'boom' }), meta: { totalMs: 1, url: 'u' } };
    const { engine } = setup(defaultSettings(), failed);
    assert.deepEqual(await engine.suggest(context, new AbortController().signal), []);
  });
});
