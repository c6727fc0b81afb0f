import * as assert from 'node:assert/strict';
import { buildSelectionRequest } from '../../../src/core/selection/selectionRequest';
import { choiceHeading, formatLogprobs, transcriptFooter, transcriptHeader } from '../../../src/core/selection/selectionTranscript';
import { defaultSettings } from '../../../src/core/settings/settingsValidator';

describe('Complete Selection request and transcript', () => {
  it('sends every parameter as set, omitting logprobs, stop and suffix when off', () => {
    const settings = defaultSettings();
    assert.deepEqual(buildSelectionRequest(settings, 'Once upon', 'after'), {
      model: 'gpt-3.5-turbo-instruct',
      prompt: 'Once upon',
      max_tokens: 256,
      temperature: 0.2,
      top_p: 1,
      n: 1,
      stream: true,
    });
    const custom = { ...settings, logprobs: 3, stop: ['\n\n'], useSuffix: true, n: 2, stream: false };
    assert.deepEqual(buildSelectionRequest(custom, 'p', 's'), {
      model: 'gpt-3.5-turbo-instruct',
      prompt: 'p',
      suffix: 's',
      max_tokens: 256,
      temperature: 0.2,
      top_p: 1,
      n: 2,
      stream: false,
      logprobs: 3,
      stop: ['\n\n'],
    });
  });

  it('heads the transcript with the model, host and parameters but not the prompt text', () => {
    const body = buildSelectionRequest({ ...defaultSettings(), logprobs: 1 }, 'secret prompt text');
    const header = transcriptHeader(body, 'api.cometapi.com', new Date('2026-01-02T03:04:05Z'));
    assert.match(header, /model: gpt-3\.5-turbo-instruct @ api\.cometapi\.com/);
    assert.match(header, /max_tokens=256 +temperature=0\.2 +top_p=1 +n=1 +stream=true +logprobs=1 +stop=none/);
    assert.match(header, /prompt: 18 chars/);
    assert.doesNotMatch(header, /secret prompt text/);
  });

  it('labels choices only when there are several', () => {
    assert.equal(choiceHeading(0, 1), '\n');
    assert.match(choiceHeading(1, 3), /choice 2 of 3/);
  });

  it('shows each token with its log probability and alternatives', () => {
    const text = formatLogprobs([
      { token: ' world', logprob: -0.1234, top: [{ token: ' world', logprob: -0.1234 }, { token: ' there', logprob: -2.5 }] },
      { token: '\n', logprob: -1, top: [] },
    ]);
    assert.match(text, /" world" +-0\.123 +\(" there" -2\.500\)/);
    assert.match(text, /"\\n" +-1\.000/);
    assert.equal(formatLogprobs([]), '');
  });

  it('ends with the finish reasons and token usage', () => {
    const one = transcriptFooter([{ index: 0, text: 'x', finishReason: 'length', logprobs: [] }], { promptTokens: 5, completionTokens: 7, totalTokens: 12 }, 1500);
    assert.match(one, /finish reason: length/);
    assert.match(one, /usage: 5 prompt \+ 7 completion = 12 tokens/);
    assert.match(one, /time: 1\.50 s/);
    const two = transcriptFooter(
      [
        { index: 0, text: 'a', finishReason: 'stop', logprobs: [] },
        { index: 1, text: 'b', finishReason: null, logprobs: [] },
      ],
      undefined,
      10,
    );
    assert.match(two, /finish reasons: 1=stop, 2=unknown/);
    assert.match(two, /usage: not reported by the server/);
  });
});
