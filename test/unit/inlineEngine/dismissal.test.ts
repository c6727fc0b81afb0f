import * as assert from 'node:assert/strict';
import { contextAt, DOC, harness, settle, token } from './engineTestKit';

const NOTHING = { items: [] };
const HEADER = 'function f() {';

/** A multi-line suggestion showing its first line at `HEADER` while its request still streams. */
async function showingWhileStreaming() {
  const h = harness();
  const shown = h.engine.suggest(contextAt(HEADER), token().signal);
  await h.clock.advance(150);
  h.server.last.send('\n  const a = 1;\n  retu');
  assert.deepEqual((await shown).items, ['\n  const a = 1;']);
  assert.equal(h.server.last.aborted, false, 'still streaming');
  return h;
}

describe('InlineCompletionEngine: the user dismisses a suggestion (Escape)', () => {
  it('aborts the stream at once: no more tokens, no growth, no further request', async () => {
    const { engine, clock, server, ended, grown } = await showingWhileStreaming();
    engine.dismissed(DOC);
    assert.equal(server.last.aborted, true, 'the request was aborted synchronously');
    assert.deepEqual(ended, [{ requestId: 1, end: 'aborted', reason: 'dismissed by the user' }]);
    server.last.send('rn a;\n}\n'); // what the server would still have sent: dropped
    await clock.advance(3000);
    assert.deepEqual(grown, [], 'no growth is reported, so the adapter does not re-trigger');
    assert.equal(server.requests.length, 1);
  });

  it('serves nothing at the dismissed position: not the stream, not the cache, not a refresh, and sends nothing', async () => {
    const { engine, clock, server } = await showingWhileStreaming();
    engine.dismissed(DOC);
    // The aborted stream cached its complete first line there; the position must not bring it back.
    const refresh = await engine.suggest(contextAt(HEADER, { explicit: true, refresh: true }), token().signal);
    assert.deepEqual(refresh, NOTHING);
    const again = engine.suggest(contextAt(HEADER), token().signal);
    await clock.advance(2500);
    assert.deepEqual(await again, NOTHING);
    const onceMore = engine.suggest(contextAt(HEADER), token().signal);
    await clock.advance(2500);
    assert.deepEqual(await onceMore, NOTHING, 'still nothing: no keystroke since');
    assert.equal(server.requests.length, 1, 'no request for the dismissed position');
  });

  it('typing on serves ghost text again (here the cached rest of the dismissed suggestion)', async () => {
    const { engine, clock, server } = await showingWhileStreaming();
    engine.dismissed(DOC);
    assert.deepEqual(await engine.suggest(contextAt(HEADER), token().signal), NOTHING);
    const typedOn = await engine.suggest(contextAt(`${HEADER}\n`), token().signal);
    assert.deepEqual(typedOn, { items: ['  const a = 1;'], source: 'cache', requestId: 1, typedChars: 1 });
    // Back at the dismissed position after a keystroke: it is an ordinary position again.
    const back = await engine.suggest(contextAt(HEADER), token().signal);
    assert.deepEqual(back.items, ['\n  const a = 1;']);
    await clock.advance(1000);
    assert.equal(server.requests.length, 1);
  });

  it('typing something new after a dismissal sends a request as usual', async () => {
    const { engine, clock, server } = await showingWhileStreaming();
    engine.dismissed(DOC);
    const result = engine.suggest(contextAt(`${HEADER}\n  let`), token().signal);
    await clock.advance(1000);
    assert.equal(server.requests.length, 2);
    server.last.send(' b = 2;').finish();
    assert.deepEqual((await result).items, [' b = 2;']);
  });

  it('an explicit trigger (Alt+\\) at the dismissed position asks afresh', async () => {
    const { engine, server } = await showingWhileStreaming();
    engine.dismissed(DOC);
    const explicit = engine.suggest(contextAt(HEADER, { explicit: true }), token().signal);
    await settle();
    assert.equal(server.requests.length, 2);
    server.last.send('\n  return 0;\n}\n').finish();
    assert.deepEqual((await explicit).items, ['\n  return 0;\n}']);
  });

  it('a call still waiting for the first line gives up, and a call in its debounce sends nothing', async () => {
    const waiting = harness();
    const pending = waiting.engine.suggest(contextAt(HEADER), token().signal);
    await waiting.clock.advance(150);
    waiting.server.last.send('\n  const');
    waiting.engine.dismissed(DOC);
    assert.deepEqual(await pending, NOTHING);
    assert.equal(waiting.server.last.aborted, true);

    const debouncing = harness();
    const early = debouncing.engine.suggest(contextAt(HEADER), token().signal);
    await debouncing.clock.advance(50);
    debouncing.engine.dismissed(DOC);
    await debouncing.clock.advance(1000);
    assert.deepEqual(await early, NOTHING);
    assert.equal(debouncing.server.requests.length, 0);
  });

  it('leaves the streams of other documents alone', async () => {
    const { engine, clock, server } = harness();
    void engine.suggest(contextAt('const a = '), token().signal);
    void engine.suggest(contextAt('const b = ', { documentId: 'file:///work/b.ts' }), token().signal);
    await clock.advance(150);
    engine.dismissed(DOC);
    assert.deepEqual(server.requests.map((r) => r.aborted), [true, false]);
  });

  it('a dismissal in a document without calls or streams does nothing', () => {
    const { engine } = harness();
    assert.doesNotThrow(() => engine.dismissed('file:///work/never.ts'));
  });
});
