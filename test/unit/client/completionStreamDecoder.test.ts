import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { CompletionStreamDecoder } from '../../../src/core/client/completionStreamDecoder';
import type { CompletionDelta } from '../../../src/core/client/completionTypes';

const URL = 'http://127.0.0.1:1/v1/completions';

function chunk(text: string, index = 0, finish: string | null = null): string {
  return `data: ${JSON.stringify({ id: 'cmpl-1', object: 'text_completion', created: 1, model: 'm', choices: [{ text, index, logprobs: null, finish_reason: finish }] })}\n\n`;
}

function decodeAll(parts: Uint8Array[], secret?: string) {
  const deltas: CompletionDelta[] = [];
  const decoder = new CompletionStreamDecoder({ url: URL, secret, onDelta: (d) => deltas.push(d) });
  let end = undefined as ReturnType<CompletionStreamDecoder['finish']> | undefined;
  for (const part of parts) {
    end = decoder.pushBytes(part);
    if (end) break;
  }
  end = end ?? decoder.finish();
  return { end, deltas, result: decoder.accumulator.result() };
}

describe('CompletionStreamDecoder', function () {
  const texts = ['Ça ', 'coûte 5€ ', '— 😀', ' 日本語', '!'];
  const wire = Buffer.from(texts.map((t, i) => chunk(t, 0, i === texts.length - 1 ? 'stop' : null)).join('') + 'data: [DONE]\n\n', 'utf8');

  it('gives the same text however the bytes are split (every byte alone, or random cuts)', function () {
    const oneByOne = decodeAll([...wire].map((b) => Uint8Array.of(b)));
    assert.equal(oneByOne.end.kind, 'done');
    assert.deepEqual(
      oneByOne.deltas.map((d) => d.text),
      texts,
    );
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: wire.length - 1 }), { maxLength: 30 }), (cuts) => {
        const sorted = [0, ...cuts.sort((a, b) => a - b), wire.length];
        const parts = sorted.slice(1).map((end, i) => wire.subarray(sorted[i], end));
        const { end, result } = decodeAll(parts);
        assert.equal(end.kind, 'done');
        assert.equal(result.choices[0].text, texts.join(''));
        assert.equal(result.choices[0].finishReason, 'stop');
      }),
    );
  });

  it('dispatches a final event that lacks its blank line', function () {
    const { end, result } = decodeAll([Buffer.from(chunk('a').trimEnd() + '\n\ndata: [DONE]')]);
    assert.equal(end.kind, 'done');
    assert.equal(result.choices[0].text, 'a');
  });

  it('is a protocol error when the bytes end without [DONE]', function () {
    const { end } = decodeAll([Buffer.from(chunk('a'))]);
    assert.equal(end.kind, 'error');
    assert.equal(end.kind === 'error' && end.error.kind, 'protocol');
  });

  it('stops at the first error object, redacting the key', function () {
    const { end, deltas } = decodeAll([Buffer.from(chunk('a') + 'data: {"error":{"message":"no sk-abcdefghijkl"}}\n\n' + chunk('b'))], 'sk-abcdefghijkl');
    assert.equal(end.kind === 'error' && end.error.serverMessage, 'no [redacted]');
    assert.deepEqual(
      deltas.map((d) => d.text),
      ['a'],
    );
  });

  it('ignores JSON objects that are not completion chunks, but not JSON that is no object', function () {
    assert.equal(decodeAll([Buffer.from('data: {"type":"keepalive"}\n\n' + chunk('a') + 'data: [DONE]\n\n')]).end.kind, 'done');
    const { end } = decodeAll([Buffer.from('data: 42\n\n')]);
    assert.equal(end.kind === 'error' && end.error.kind, 'protocol');
  });
});
