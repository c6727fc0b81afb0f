import * as assert from 'node:assert/strict';
import { formatRequestLogLine } from '../../../src/core/logging/requestLogLine';

const body = { model: 'm', prompt: 'function secretPlan() {', max_tokens: 16, temperature: 0, top_p: 1, n: 1, stream: true, stop: ['\n'] };

describe('requestLogLine', () => {
  it('logs parameters and timings but no prompt text by default', () => {
    const line = formatRequestLogLine({ purpose: 'ghost text', host: 'h:1', body, previewChars: 0, status: 200, firstByteMs: 12.4, totalMs: 80.6, outcome: 'ok' });
    assert.match(line, /\[ghost text\] POST h:1 model=m max_tokens=16 temperature=0 top_p=1 n=1 stream=true logprobs=off stop=1 prompt_chars=23/);
    assert.match(line, /status=200 first_byte=12ms total=81ms → ok$/);
    assert.doesNotMatch(line, /secretPlan/);
  });

  it('shows only the last N prompt characters when a preview is asked for', () => {
    const line = formatRequestLogLine({ purpose: 'ghost text', host: 'h', body, previewChars: 5, totalMs: 1, outcome: 'ok' });
    assert.match(line, /prompt="…n\(\) \{"$/);
    assert.doesNotMatch(line, /secret/);
  });

  it('names the stops that did not fit the 4-stop limit (issue 10 item 5)', () => {
    const line = formatRequestLogLine({ purpose: 'ghost text', host: 'h', body: { ...body, stopsLeftOut: ['D4', '<|file_sep|>'] }, previewChars: 0, totalMs: 1, outcome: 'ok' });
    assert.match(line, /stop=1 prompt_chars=23 stops_left_out=\["D4","<\|file_sep\|>"\]/);
  });
});
