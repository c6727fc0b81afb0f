import * as assert from 'node:assert/strict';
import type { CompletionDelta, TokenLogprob } from '../../../src/core/client/completionTypes';
import { LineGrouping } from '../../../src/core/client/lineGrouping';

const lp = (token: string): TokenLogprob => ({ token, logprob: -0.5, top: [] });
const piece = (text: string, index = 0, logprobs: TokenLogprob[] = []): CompletionDelta => ({ index, text, logprobs });

describe('LineGrouping: a stream delivered by complete lines', () => {
  it('holds pieces inside a line and delivers them with the piece that ends it, counting the pieces', () => {
    const lines = new LineGrouping();
    const out: CompletionDelta[] = [];
    const deliver = (d: CompletionDelta): number => out.push(d);
    for (const text of ['def ', 'foo', '():', '\n    ret', 'urn 1']) lines.take(piece(text), deliver);
    assert.deepEqual(
      out.map((d) => [d.text, d.pieces]),
      [['def foo():\n    ret', 4]],
    );
    assert.deepEqual(lines.held(0), { text: 'urn 1', pieces: 1 });
    lines.flush();
    assert.deepEqual(
      out.map((d) => [d.text, d.pieces ?? 1]),
      [
        ['def foo():\n    ret', 4],
        ['urn 1', 1],
      ],
    );
    assert.deepEqual(lines.held(0), { text: '', pieces: 0 }, 'nothing held after a flush');
    lines.flush();
    assert.equal(out.length, 2, 'a second flush delivers nothing again');
  });

  it('a piece with a line end and nothing held goes out as it came, at once', () => {
    const lines = new LineGrouping();
    const out: CompletionDelta[] = [];
    const first = piece('x = 1\n');
    lines.take(first, (d) => out.push(d));
    assert.deepEqual(out, [first]);
  });

  it('keeps the choices of n > 1 apart, each with its own logprobs, and flushes every one', () => {
    const lines = new LineGrouping();
    const out: CompletionDelta[] = [];
    const deliver = (d: CompletionDelta): number => out.push(d);
    lines.take(piece('a', 0, [lp('a')]), deliver);
    lines.take(piece('b', 1, [lp('b')]), deliver);
    lines.take(piece('c', 0, [lp('c')]), deliver);
    lines.take(piece('\n', 1, [lp('\n')]), deliver);
    assert.deepEqual(
      out.map((d) => [d.index, d.text, d.logprobs.map((l) => l.token), d.pieces]),
      [[1, 'b\n', ['b', '\n'], 2]],
    );
    assert.deepEqual(lines.held(0), { text: 'ac', pieces: 2 });
    assert.deepEqual(lines.held(1), { text: '', pieces: 0 });
    lines.flush();
    assert.deepEqual(
      out.slice(1).map((d) => [d.index, d.text, d.logprobs.map((l) => l.token), d.pieces]),
      [[0, 'ac', ['a', 'c'], 2]],
    );
  });

  it('never changes the deltas it was given (the client may reuse them)', () => {
    const lines = new LineGrouping();
    const given = piece('ab', 0, [lp('ab')]);
    lines.take(given, () => undefined);
    lines.take(piece('c\n', 0, [lp('c')]), () => undefined);
    assert.deepEqual(given, piece('ab', 0, [lp('ab')]));
  });
});
