import * as assert from 'node:assert/strict';
import { contextAt, harness, token } from './engineTestKit';

describe('InlineCompletionEngine: connection warm-up while typing', () => {
  it('asks for a warm connection when typing starts, then at most once per warmUpEveryMs while it goes on', async () => {
    const warmUps: number[] = [];
    const h = harness(undefined, { warmUp: () => warmUps.push(h.clock.now()), options: { warmUpEveryMs: 1000 } });
    const start = h.clock.now();
    for (let i = 0; i < 25; i++) {
      void h.engine.suggest(contextAt(`const value${'x'.repeat(i)}`), token().signal);
      await h.clock.advance(100);
    }
    assert.deepEqual(
      warmUps.map((at) => at - start),
      [0, 1000, 2000],
      'the first keystroke, then one per second of typing',
    );
  });

  it('explicit requests and refreshes are no typing: no warm-up; a throwing warm-up changes nothing', async () => {
    let calls = 0;
    const h = harness(undefined, {
      warmUp: () => {
        calls++;
        throw new Error('no network');
      },
    });
    void h.engine.suggest(contextAt('const a', { explicit: true }), token().signal);
    void h.engine.suggest(contextAt('const a', { explicit: true, refresh: true }), token().signal);
    assert.equal(calls, 0);
    const shown = h.engine.suggest(contextAt('const ab'), token().signal);
    assert.equal(calls, 1);
    await h.clock.advance(2000);
    h.server.last.send(' = 1;\n');
    h.server.last.finish();
    assert.deepEqual((await shown).items, [' = 1;']);
  });
});
