import * as assert from 'assert';
import { SectionTimer } from '../../../src/core/inlineEngine/sectionTimer';

/** A profiler on a clock the test moves by hand. */
function recording(): { timer: SectionTimer; advance(ms: number): void; records: Array<{ phase: string; ms: number; ids: object }> } {
  let now = 0;
  const records: Array<{ phase: string; ms: number; ids: object }> = [];
  const timer = new SectionTimer({ now: () => now, record: (phase, ms, ids) => records.push({ phase, ms, ids }) });
  return { timer, advance: (ms) => (now += ms), records };
}

describe('SectionTimer', () => {
  it('leaves the HTTP client (reported as send) and the observer (reported nowhere) out of the section', () => {
    const { timer, advance, records } = recording();
    const section = timer.start();
    advance(2);
    const sent = timer.transport(() => {
      advance(5);
      return 'sent';
    }, { requestId: 7 });
    timer.outside(() => advance(11));
    advance(3);
    timer.end(section, 'call', { callId: 1, requestId: 7 });
    assert.strictEqual(sent, 'sent');
    assert.deepStrictEqual(records, [
      { phase: 'send', ms: 5, ids: { requestId: 7 } },
      { phase: 'call', ms: 5, ids: { callId: 1, requestId: 7 } },
    ]);
  });

  it('counts a nested section once, in itself', () => {
    const { timer, advance, records } = recording();
    const outer = timer.start();
    advance(1);
    const inner = timer.start();
    advance(4);
    timer.end(inner, 'end', { requestId: 2 });
    advance(1);
    timer.end(outer, 'delta', { requestId: 2 });
    assert.deepStrictEqual(records.map((r) => [r.phase, r.ms]), [['end', 4], ['delta', 2]]);
  });

  it('still leaves out an observer that throws, and lets the error through', () => {
    const { timer, advance, records } = recording();
    const section = timer.start();
    assert.throws(() => timer.outside(() => {
      advance(9);
      throw new Error('observer failed');
    }), /observer failed/);
    advance(1);
    timer.end(section, 'call', { callId: 3 });
    assert.deepStrictEqual(records.map((r) => r.ms), [1]);
  });

  it('does nothing without a profiler, but still runs the work', () => {
    const timer = new SectionTimer(undefined);
    let ran = 0;
    timer.outside(() => ran++);
    assert.strictEqual(timer.transport(() => ++ran, {}), 2);
    assert.strictEqual(timer.start(), undefined);
    assert.strictEqual(timer.enabled, false);
  });
});
