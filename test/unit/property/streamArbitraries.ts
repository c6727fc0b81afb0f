/** Arbitraries and helpers shared by the property tests: valid SSE completion streams, cutting, decoding. */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { ApiError } from '../../../src/core/client/apiError';
import { CompletionStreamDecoder, EventStreamEnd } from '../../../src/core/client/completionStreamDecoder';
import type { CompletionDelta, CompletionResult } from '../../../src/core/client/completionTypes';

export const PROPERTY_RUNS = 10_000;

export const DECODER_URL = 'http://127.0.0.1:9/v1/completions';
export const KEY = 'sk-prop-S3CRET-0123456789abcdef';
export const encoder = new TextEncoder();

export interface Decoded {
  end: EventStreamEnd;
  result: CompletionResult;
  deltas: CompletionDelta[];
}

/** Feeds the parts in order (stopping at the end, as the client does), then finishes. Throws only if the decoder throws. */
export function decodeParts(parts: Uint8Array[], secret?: string, maxEventChars?: number): Decoded {
  const deltas: CompletionDelta[] = [];
  const decoder = new CompletionStreamDecoder({ url: DECODER_URL, secret, onDelta: (d) => deltas.push(d), maxEventChars });
  let end: EventStreamEnd | undefined;
  for (const part of parts) {
    end = decoder.pushBytes(part);
    if (end) break;
  }
  end = end ?? decoder.finish();
  return { end, result: decoder.accumulator.result(), deltas };
}

/** `bytes` cut at the given positions (any order, duplicates and out-of-range ones folded in). */
export function cutAt(bytes: Uint8Array, cuts: number[]): Uint8Array[] {
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const parts: Uint8Array[] = [];
  let start = 0;
  for (const point of points) {
    parts.push(bytes.subarray(start, point));
    start = point;
  }
  parts.push(bytes.subarray(start));
  return parts;
}

/** A decode that must not throw and must end in done or a typed ApiError without the key in it. */
export function assertCalmEnd(decoded: Decoded, secret: string | undefined): void {
  const { end } = decoded;
  assert.ok(end.kind === 'done' || end.kind === 'error', `end kind ${JSON.stringify(end)}`);
  if (end.kind === 'error') {
    assert.ok(end.error instanceof ApiError, 'a typed ApiError');
    assert.ok(['protocol', 'stream'].includes(end.error.kind), `kind ${end.error.kind}`);
    assert.ok(end.error.message.length > 0);
    if (secret) {
      const all = JSON.stringify(end.error, Object.getOwnPropertyNames(end.error)) + String(end.error);
      assert.ok(!all.includes(secret), `the key leaked: ${all}`);
    }
  }
}

/* ---------------------------------------------------------------------------------------------
 * Valid streams
 * ------------------------------------------------------------------------------------------- */

interface Piece {
  index: number;
  text: string;
  finish: 'stop' | 'length' | null;
}

type Extra = 'comment' | 'keepalive' | 'unknownEvent' | 'idRetry' | 'emptyData' | 'emptyChoices';

const pieceArb: fc.Arbitrary<Piece> = fc.record({
  index: fc.integer({ min: 0, max: 2 }),
  text: fc.string({ unit: 'binary', maxLength: 12 }),
  finish: fc.constantFrom<'stop' | 'length' | null>(null, null, null, 'stop', 'length'),
});

const eventArb: fc.Arbitrary<{ piece: Piece } | { extra: Extra }> = fc.oneof(
  { weight: 4, arbitrary: pieceArb.map((piece) => ({ piece })) },
  { weight: 1, arbitrary: fc.constantFrom<Extra>('comment', 'keepalive', 'unknownEvent', 'idRetry', 'emptyData', 'emptyChoices').map((extra) => ({ extra })) },
);

const eolArb = fc.constantFrom('\n', '\r\n', '\r');

export interface ValidStream {
  wire: Uint8Array;
  expectedTexts: Map<number, string>;
  expectedDeltas: Array<{ index: number; text: string }>;
  expectedFinish: Map<number, string | null>;
}

export const validStreamArb: fc.Arbitrary<ValidStream> = fc
  .record({
    events: fc.array(eventArb, { maxLength: 12 }),
    eols: fc.array(eolArb, { minLength: 1, maxLength: 6 }),
    spaced: fc.boolean(),
    bom: fc.boolean(),
    usage: fc.boolean(),
    trailer: fc.constantFrom('', 'data: {"choices":[{"text":"after done","index":0}]}\n\n', 'garbage after done'),
  })
  .map(({ events, eols, spaced, bom, usage, trailer }) => {
    let n = 0;
    let previous = '';
    // Line endings may change from line to line, except that "\r" then "\n" would read as one "\r\n".
    const eol = () => {
      let next = eols[n++ % eols.length];
      if (previous === '\r' && next.startsWith('\n')) next = '\r';
      previous = next;
      return next;
    };
    const data = (value: string) => `data:${spaced ? ' ' : ''}${value}`;
    const lines: string[] = [];
    const event = (...fieldLines: string[]) => {
      for (const line of fieldLines) lines.push(line + eol());
      lines.push(eol());
    };
    const expectedTexts = new Map<number, string>();
    const expectedFinish = new Map<number, string | null>();
    const expectedDeltas: Array<{ index: number; text: string }> = [];
    for (const e of events) {
      if ('piece' in e) {
        const { index, text, finish } = e.piece;
        event(data(JSON.stringify({ id: 'cmpl-p', object: 'text_completion', created: 1, model: 'm', choices: [{ text, index, logprobs: null, finish_reason: finish }] })));
        expectedTexts.set(index, (expectedTexts.get(index) ?? '') + text);
        if (!expectedFinish.has(index)) expectedFinish.set(index, null);
        if (finish) expectedFinish.set(index, finish);
        if (text) expectedDeltas.push({ index, text });
      } else if (e.extra === 'comment') event(': keep-alive ping');
      else if (e.extra === 'keepalive') event(data('{"type":"keepalive"}'));
      else if (e.extra === 'unknownEvent') event('event: ping', data('{"t":1}'));
      else if (e.extra === 'idRetry') event('id: 42', 'retry: 1000');
      else if (e.extra === 'emptyData') event(data(''));
      else event(data('{"id":"x","choices":[]}'));
    }
    // A stream needs at least one completion object (a stream of keep-alives only is refused).
    if (usage || expectedTexts.size === 0) {
      event(data(JSON.stringify({ id: 'cmpl-p', choices: [], usage: { prompt_tokens: 3, completion_tokens: 4, total_tokens: 7 } })));
    }
    event(data('[DONE]'));
    const text = (bom ? '\uFEFF' : '') + lines.join('') + trailer;
    return { wire: encoder.encode(text), expectedTexts, expectedDeltas, expectedFinish };
  });

