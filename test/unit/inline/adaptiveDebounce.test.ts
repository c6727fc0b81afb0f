import * as assert from 'assert';
import fc from 'fast-check';
import {
  AdaptiveDebouncer,
  debounceDelay,
  INITIAL_TYPING_RHYTHM,
  recordKeystroke,
  TypingRhythm,
} from '../../../src/core/inline/adaptiveDebounce';

function typeAt(timestamps: number[], options = {}): TypingRhythm {
  return timestamps.reduce<TypingRhythm>((rhythm, t) => recordKeystroke(rhythm, t, options), INITIAL_TYPING_RHYTHM);
}

describe('adaptiveDebounce', () => {
  describe('recordKeystroke', () => {
    it('the first keystroke only sets the time', () => {
      assert.deepStrictEqual(typeAt([1000]), { lastKeystrokeAt: 1000, averageGapMs: null, lastGapMs: null });
    });

    it('averages gaps with an exponential moving average (alpha 0.3)', () => {
      const rhythm = typeAt([0, 100, 300]);
      // first gap 100 → avg 100; second gap 200 → 0.3·200 + 0.7·100 = 130
      assert.ok(Math.abs(rhythm.averageGapMs! - 130) < 1e-9);
      assert.strictEqual(rhythm.lastGapMs, 200);
      assert.strictEqual(rhythm.lastKeystrokeAt, 300);
    });

    it('keeps pauses out of the average but remembers them', () => {
      const rhythm = typeAt([0, 100, 5000]);
      assert.strictEqual(rhythm.averageGapMs, 100);
      assert.strictEqual(rhythm.lastGapMs, 4900);
      assert.strictEqual(rhythm.lastKeystrokeAt, 5000);
    });

    it('ignores same-tick and backwards timestamps, and non-finite ones', () => {
      const rhythm = typeAt([0, 100]);
      assert.strictEqual(recordKeystroke(rhythm, 100), rhythm);
      assert.strictEqual(recordKeystroke(rhythm, 50), rhythm);
      assert.strictEqual(recordKeystroke(rhythm, Number.NaN), rhythm);
    });

    it('does not mutate the state it is given', () => {
      const rhythm = typeAt([0]);
      const frozen = Object.freeze({ ...rhythm });
      recordKeystroke(frozen, 80);
      assert.deepStrictEqual(frozen, rhythm);
    });
  });

  describe('debounceDelay (base 150 ms)', () => {
    it('explicit trigger → 0, whatever the rhythm', () => {
      assert.strictEqual(debounceDelay(typeAt([0, 50, 100]), { explicit: true }), 0);
      assert.strictEqual(debounceDelay(INITIAL_TYPING_RHYTHM, { explicit: true }), 0);
    });

    it('base 0 → 0', () => {
      assert.strictEqual(debounceDelay(typeAt([0, 50, 100]), { baseMs: 0 }), 0);
    });

    it('no rhythm yet → the base', () => {
      assert.strictEqual(debounceDelay(INITIAL_TYPING_RHYTHM), 150);
      assert.strictEqual(debounceDelay(typeAt([0])), 150);
    });

    it('at a likely pause point (a line start) → base × minFactor, however fast the typing', () => {
      assert.strictEqual(debounceDelay(typeAt([0, 75, 150, 225]), { likelyPause: true }), 75);
      assert.strictEqual(debounceDelay(typeAt([0, 150, 300]), { likelyPause: true, baseMs: 200 }), 100);
      assert.strictEqual(debounceDelay(typeAt([0, 75]), { likelyPause: true, explicit: true }), 0, 'explicit still wins');
    });

    it('typing at the base pace → the base', () => {
      assert.strictEqual(debounceDelay(typeAt([0, 150, 300, 450])), 150);
    });

    it('typing fast → longer: base × sqrt(base / avg)', () => {
      // avg 75 → 150 × sqrt(2) = 212
      assert.strictEqual(debounceDelay(typeAt([0, 75, 150, 225])), 212);
    });

    it('very fast typing is capped at 3 × base', () => {
      assert.strictEqual(debounceDelay(typeAt([0, 1, 2, 3])), 450);
    });

    it('slow, deliberate typing → shorter, floored at base / 2', () => {
      // avg 600 → 150 × sqrt(0.25) = 75 = the floor
      assert.strictEqual(debounceDelay(typeAt([0, 600, 1200])), 75);
      // avg 300 → 150 × sqrt(0.5) = 106
      assert.strictEqual(debounceDelay(typeAt([0, 300, 600])), 106);
    });

    it('just resumed after a pause → base / 2', () => {
      assert.strictEqual(debounceDelay(typeAt([0, 50, 100, 5000])), 75);
      // …and the next fast key returns to the rhythm formula
      assert.ok(debounceDelay(typeAt([0, 50, 100, 5000, 5050])) > 150);
    });

    it('follows a changed base and bounds', () => {
      const rhythm = typeAt([0, 75, 150]);
      assert.strictEqual(debounceDelay(rhythm, { baseMs: 300 }), 600); // 300 × sqrt(4) = 600
      assert.strictEqual(debounceDelay(rhythm, { maxFactor: 1.2 }), 180);
    });

    it('property: always within [base/2, 3·base] for any keystroke history', () => {
      fc.assert(
        fc.property(
          fc.array(fc.integer({ min: 0, max: 3000 }), { maxLength: 40 }),
          fc.integer({ min: 1, max: 2000 }),
          (gaps, baseMs) => {
            let t = 0;
            const rhythm = typeAt(gaps.map((gap) => (t += gap)));
            const delay = debounceDelay(rhythm, { baseMs });
            assert.ok(delay >= Math.round(baseMs / 2) && delay <= Math.round(baseMs * 3), `${delay} for base ${baseMs}`);
          },
        ),
      );
    });

    it('property: a faster steady rhythm never waits less than a slower one', () => {
      fc.assert(
        fc.property(fc.integer({ min: 1, max: 1400 }), fc.integer({ min: 1, max: 1400 }), (a, b) => {
          const [fast, slow] = a <= b ? [a, b] : [b, a];
          const steady = (gap: number) => typeAt([0, gap, 2 * gap, 3 * gap]);
          assert.ok(debounceDelay(steady(fast)) >= debounceDelay(steady(slow)));
        }),
      );
    });
  });

  describe('AdaptiveDebouncer', () => {
    it('holds the rhythm for one editor, with an injectable clock', () => {
      const debouncer = new AdaptiveDebouncer({ baseMs: 100 });
      let now = 10_000;
      for (let i = 0; i < 5; i++) debouncer.keystroke((now += 25));
      assert.strictEqual(debouncer.rhythm.averageGapMs, 25);
      assert.strictEqual(debouncer.delayMs(), 200); // 100 × sqrt(4)
      assert.strictEqual(debouncer.delayMs(true), 0);
      assert.strictEqual(debouncer.delayMs(false, 50), 71); // 50 × sqrt(2)
      debouncer.reset();
      assert.strictEqual(debouncer.delayMs(), 100);
    });
  });
});
