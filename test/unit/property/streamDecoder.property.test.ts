/**
 * Property-based tests of the stream decoder, run directly (no network), 10,000 cases each:
 *
 * 1. Any valid completion stream — random texts (any Unicode, so multi-byte UTF-8), up to three
 *    interleaved choices, comments, keep-alives, unknown events, id/retry fields, `data:` with or
 *    without its space, LF / CRLF / CR line endings — cut into random byte chunks (so cuts fall
 *    inside multi-byte characters and inside `\r\n`) decodes to the same result as the whole, and
 *    to the texts that were sent.
 * 2. Random bytes, 3. random JSON as event data, 4. random SSE framing (random fields, values,
 *    line endings, the key mixed in): the decoder never throws, always ends (synchronously, so it
 *    cannot hang) in a result or a typed ApiError, and the key is in no error text.
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { KEY, PROPERTY_RUNS, assertCalmEnd, cutAt, decodeParts, encoder, validStreamArb } from './streamArbitraries';

describe('property: the stream decoder', function () {
  this.timeout(120_000);

  it(`decodes any valid stream cut into random chunks to the same result (${PROPERTY_RUNS} cases)`, function () {
    fc.assert(
      fc.property(validStreamArb, fc.array(fc.nat(), { maxLength: 24 }), (stream, cuts) => {
        const whole = decodeParts([stream.wire]);
        const cut = decodeParts(cutAt(stream.wire, cuts));
        assert.equal(whole.end.kind, 'done', whole.end.kind === 'error' ? whole.end.error.message : '');
        assert.deepEqual(cut, whole);
        const texts = new Map(whole.result.choices.map((c) => [c.index, c.text]));
        assert.deepEqual(texts, stream.expectedTexts);
        assert.deepEqual(new Map(whole.result.choices.map((c) => [c.index, c.finishReason])), stream.expectedFinish);
        assert.deepEqual(whole.deltas.map((d) => ({ index: d.index, text: d.text })), stream.expectedDeltas);
      }),
      { numRuns: PROPERTY_RUNS },
    );
  });

  it(`decodes a stream cut one byte at a time, and cut inside every \\r\\n and every multi-byte character, the same (${PROPERTY_RUNS} cases)`, function () {
    fc.assert(
      fc.property(validStreamArb, fc.nat(), (stream, seed) => {
        const whole = decodeParts([stream.wire]);
        // Cut right after every CR and inside every multi-byte sequence (after its lead byte), plus a seeded extra.
        const cuts: number[] = [seed];
        stream.wire.forEach((byte, i) => {
          if (byte === 13 || byte >= 0xc0) cuts.push(i + 1);
        });
        assert.deepEqual(decodeParts(cutAt(stream.wire, cuts)), whole);
        if (stream.wire.length <= 400) assert.deepEqual(decodeParts([...stream.wire].map((b) => Uint8Array.of(b))), whole);
      }),
      { numRuns: PROPERTY_RUNS },
    );
  });

  it(`never throws on random bytes, in random chunks, and ends in a result or a typed ApiError (${PROPERTY_RUNS} cases)`, function () {
    fc.assert(
      fc.property(
        fc.constantFrom('', 'data: ', 'data:{"choices":[', 'error: ', 'event: error\ndata: '),
        fc.uint8Array({ maxLength: 300 }),
        fc.array(fc.nat(), { maxLength: 10 }),
        fc.boolean(),
        (prefix, random, cuts, withSecret) => {
          const wire = new Uint8Array([...encoder.encode(prefix), ...random]);
          assertCalmEnd(decodeParts(cutAt(wire, cuts), withSecret ? KEY : undefined), withSecret ? KEY : undefined);
        },
      ),
      { numRuns: PROPERTY_RUNS },
    );
  });

  it(`never throws on random JSON as event data, and ends in a result or a typed ApiError (${PROPERTY_RUNS} cases)`, function () {
    const jsonish = fc.oneof(
      fc.jsonValue(),
      fc.record({ choices: fc.array(fc.jsonValue(), { maxLength: 4 }) }, { requiredKeys: [] }),
      fc.record({ choices: fc.array(fc.record({ text: fc.jsonValue(), index: fc.jsonValue(), finish_reason: fc.jsonValue(), logprobs: fc.jsonValue() }, { requiredKeys: [] }), { maxLength: 3 }), usage: fc.jsonValue() }, { requiredKeys: [] }),
      fc.record({ error: fc.oneof(fc.jsonValue(), fc.constant(KEY), fc.record({ message: fc.oneof(fc.string(), fc.constant(`bad ${KEY}`)), code: fc.jsonValue() })) }),
    );
    fc.assert(
      fc.property(fc.array(jsonish, { maxLength: 6 }), fc.boolean(), fc.array(fc.nat(), { maxLength: 6 }), (values, done, cuts) => {
        const text = values.map((v) => `data: ${JSON.stringify(v)}\n\n`).join('') + (done ? 'data: [DONE]\n\n' : '');
        assertCalmEnd(decodeParts(cutAt(encoder.encode(text), cuts), KEY), KEY);
      }),
      { numRuns: PROPERTY_RUNS },
    );
  });

  it(`never throws on random SSE framing (fields, values, line endings, the key), and ends calmly (${PROPERTY_RUNS} cases)`, function () {
    const field = fc.oneof(fc.constantFrom('data', 'data', 'event', 'id', 'retry', 'error', '', ':', 'Data', 'dat', 'data '), fc.string({ maxLength: 4 }));
    const value = fc.oneof(
      fc.string({ maxLength: 30 }),
      fc.string({ unit: 'binary', maxLength: 10 }),
      fc.json({ maxDepth: 2 }),
      fc.constantFrom('[DONE]', ' [DONE] ', 'error', 'message', KEY, `{"error":{"message":"${KEY}"}}`, '{"choices":[{"text":"hi","index":0}]}', '{"choices":[{"text":"hi","index":99999999}]}'),
    );
    const line = fc.tuple(field, fc.constantFrom(':', ': ', ''), value, fc.constantFrom('\n', '\r\n', '\r', '\n\n', '\r\n\r\n', ''));
    fc.assert(
      fc.property(fc.array(line, { maxLength: 16 }), fc.array(fc.nat(), { maxLength: 8 }), fc.integer({ min: 8, max: 2048 }), (lines, cuts, limit) => {
        const text = lines.map(([f, sep, v, eol]) => `${f}${sep}${v}${eol}`).join('');
        assertCalmEnd(decodeParts(cutAt(encoder.encode(text), cuts), KEY, limit), KEY);
      }),
      { numRuns: PROPERTY_RUNS },
    );
  });
});
