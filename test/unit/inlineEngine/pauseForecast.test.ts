import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { PauseForecast, PauseForecastOptions } from '../../../src/core/inlineEngine/pauseForecast';
import { LINE_START_GAPS, TYPICAL_PROGRAMMER_GAPS, priorSurvival } from '../../../src/core/inlineEngine/gapPrior';

/** Feeds keystrokes separated by `gaps` (ms). */
function typed(forecast: PauseForecast, gaps: number[]): PauseForecast {
  let at = 0;
  forecast.keystroke(at);
  for (const gap of gaps) forecast.keystroke((at += gap));
  return forecast;
}

/** A forecast from the user's gaps alone (no prior): the counting itself. */
function learned(options: Partial<PauseForecastOptions> = {}): PauseForecast {
  return new PauseForecast({ prior: null, ...options });
}

describe('PauseForecast', () => {
  it('keeps the debounce until it has seen a few gaps', () => {
    const forecast = learned({ minGaps: 3 });
    typed(forecast, [150, 150]);
    assert.equal(forecast.delay(150, 1500), 150);
  });

  it('waits past the usual gaps between keys while no pause has been seen', () => {
    const forecast = typed(learned({ minGaps: 3 }), [120, 180, 240, 160]);
    assert.equal(forecast.delay(100, 1500), 250, 'just longer than the longest gap seen');
  });

  it('sends once the gap is more likely than not to last until the first line arrives', () => {
    // 10 gaps of 200 ms and 10 pauses of 2 s; first lines take 300 ms.
    const forecast = typed(learned({ likelihood: 0.5, stepMs: 10 }), [...Array(10).fill(200), ...Array(10).fill(2000)]);
    forecast.firstLineAfter(300);
    // At 100 ms all 20 gaps are still open and 10 of them outlast 400 ms: 0.5 is enough.
    assert.equal(forecast.delay(100, 1500), 100);
    const stricter = typed(learned({ likelihood: 0.6, stepMs: 10 }), [...Array(10).fill(200), ...Array(10).fill(2000)]);
    stricter.firstLineAfter(300);
    // Past 200 ms only the pauses are left.
    assert.equal(stricter.delay(100, 1500), 210);
  });

  it('a slower server makes it wait longer', () => {
    const gaps = [...Array(20).fill(150), 300, 350, 400, 450, ...Array(4).fill(3000)];
    const fast = typed(learned(), gaps);
    fast.firstLineAfter(50);
    const slow = typed(learned(), gaps);
    slow.firstLineAfter(600);
    assert.ok(slow.delay(100, 1500) > fast.delay(100, 1500), `${slow.delay(100, 1500)} > ${fast.delay(100, 1500)}`);
  });

  it('never waits past the cap', () => {
    const forecast = typed(learned({ minGaps: 3 }), [3000, 3000, 3000, 3000]);
    forecast.firstLineAfter(5000);
    assert.equal(forecast.delay(100, 1500), 1500);
  });

  it('learns from requests the user outran: a first line takes at least that long', () => {
    const forecast = learned({ assumedFirstLineMs: 100 });
    forecast.outrunAfter(400);
    assert.equal(forecast.firstLineMs, 400);
    forecast.outrunAfter(200);
    assert.equal(forecast.firstLineMs, 400, 'a shorter outrun tells nothing new');
    forecast.firstLineAfter(250);
    assert.equal(forecast.firstLineMs, 250, 'the first measurement replaces what was assumed');
    forecast.firstLineAfter(350);
    assert.equal(forecast.firstLineMs, 0.3 * 350 + 0.7 * 250);
  });

  it('learns from outruns after a measurement as one more sample, not a jump', () => {
    const forecast = learned();
    forecast.firstLineAfter(300);
    forecast.outrunAfter(1000);
    assert.equal(forecast.firstLineMs, 0.3 * 1000 + 0.7 * 300);
    forecast.outrunAfter(100);
    assert.equal(forecast.firstLineMs, 0.3 * 1000 + 0.7 * 300, 'shorter than the average: nothing new');
  });

  describe('warm start (a typical programmer\'s gaps)', () => {
    it('is on by default and forecasts from the first gap', () => {
      const forecast = new PauseForecast({ likelihood: 0.6 });
      assert.equal(forecast.priorWeight(), 64);
      forecast.keystroke(0);
      assert.equal(forecast.delay(150, 1500), 150, 'one key is no typing yet: the plain debounce');
      forecast.keystroke(120);
      assert.equal(forecast.priorWeight(), 63);
      const wait = forecast.delay(150, 1500);
      // Past nearly all fluent gaps (median ≈ 215 ms), well short of the cap.
      assert.ok(wait >= 450 && wait <= 700, `${wait}`);
      assert.ok(priorSurvival(TYPICAL_PROGRAMMER_GAPS, wait) < 0.1, 'fewer than 1 gap in 10 lasts that long');
    });

    it('does not chase the record gap of the first keys', () => {
      // The first line so far: short gaps, each a new longest one. Without a prior each would
      // have been the wait ("just longer than the longest gap seen"); with it the wait holds.
      const gaps = [120, 150, 180, 210, 240, 270, 300];
      const cold = learned({ likelihood: 0.6 });
      const warm = new PauseForecast({ likelihood: 0.6 });
      let at = 0;
      cold.keystroke(at);
      warm.keystroke(at);
      gaps.forEach((gap, i) => {
        at += gap;
        cold.keystroke(at);
        warm.keystroke(at);
        if (i >= 2) assert.ok(cold.delay(150, 1500) <= gap + 10, 'without the prior: just past the longest gap');
        assert.equal(warm.delay(150, 1500), 550, 'with it: the prior\'s wait, every key');
      });
    });

    it('each real gap replaces one prior gap', () => {
      const forecast = typed(new PauseForecast({ priorGaps: 10 }), [150, 150, 150]);
      assert.equal(forecast.priorWeight(), 7);
      typed(forecast, Array(20).fill(150));
      assert.equal(forecast.priorWeight(), 0);
    });

    it('after priorGaps real gaps of another rhythm the prior no longer matters', () => {
      // A fast typist with clear pauses: 90 % gaps of 100 ms, 10 % pauses of 3 s.
      const rhythm = Array.from({ length: 64 }, (_, i) => (i % 10 === 9 ? 3000 : 100));
      const warm = typed(new PauseForecast({ likelihood: 0.6 }), rhythm);
      const cold = typed(learned({ likelihood: 0.6 }), rhythm);
      warm.firstLineAfter(300);
      cold.firstLineAfter(300);
      assert.equal(warm.priorWeight(), 0);
      assert.equal(warm.delay(100, 1500), cold.delay(100, 1500));
      // And it is this user's answer, not the prior's ~550 ms: just past their 100 ms gaps.
      assert.equal(warm.delay(100, 1500), 110);
    });

    it('halfway, the prior and the user each count', () => {
      const rhythm = Array.from({ length: 32 }, (_, i) => (i % 10 === 9 ? 3000 : 100));
      const half = typed(new PauseForecast({ likelihood: 0.6 }), rhythm);
      const cold = typed(learned({ likelihood: 0.6 }), rhythm);
      const prior = typed(new PauseForecast({ likelihood: 0.6 }), [100]);
      for (const forecast of [half, cold, prior]) forecast.firstLineAfter(300);
      const [h, c, p] = [half.delay(100, 1500), cold.delay(100, 1500), prior.delay(100, 1500)];
      assert.ok(c < h && h <= p, `user ${c} < both ${h} ≤ prior ${p}`);
    });

    it('can be turned off', () => {
      const forecast = typed(learned({ minGaps: 3 }), [150, 150]);
      assert.equal(forecast.priorWeight(), 0);
      assert.equal(forecast.delay(150, 1500), 150, 'the plain debounce until minGaps real gaps');
    });
  });

  it('forgets the oldest gaps once its window is full: the same delay as a forecast that saw only the last ones', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.integer({ min: 1, max: 250 }), fc.integer({ min: 1000, max: 3000 })), { minLength: 0, maxLength: 60 }),
        fc.integer({ min: 1, max: 200 }),
        (gaps, firstLine) => {
        const window = 8;
        const all = typed(learned({ window, minGaps: 1, assumedFirstLineMs: firstLine }), gaps);
        const lastOnes = typed(learned({ window, minGaps: 1, assumedFirstLineMs: firstLine }), gaps.slice(-window));
        if (gaps.length > 0) assert.equal(all.delay(50, 1500), lastOnes.delay(50, 1500));
        },
      ),
      { numRuns: 500 },
    );
    // Eight pauses, then eight quick keys: the pauses are out of the window, so no wait is needed.
    const pausesThenTyping = typed(learned({ window: 8, minGaps: 1, assumedFirstLineMs: 100 }), [...Array(8).fill(3000), ...Array(8).fill(100)]);
    assert.equal(pausesThenTyping.delay(50, 1500), 110);
  });

  describe('line starts (gaps after a key that left the cursor at the start of a line\'s code)', () => {
    /** `keys` in-line keys 120 ms apart, then Enter (a line start) 120 ms later. */
    function firstLine(forecast: PauseForecast, keys: number): number {
      let at = 0;
      for (let i = 0; i < keys; i++) forecast.keystroke((at += 120), 'inLine');
      forecast.keystroke((at += 120), 'lineStart');
      return at;
    }

    it('the first line start of a session asks right after the debounce: the prior says a pause is likely there', () => {
      const forecast = new PauseForecast({ likelihood: 0.6 });
      firstLine(forecast, 20);
      assert.equal(forecast.delay(75, 1500), 75);
      // The same forecast one key later, inside the next line: the long wait again.
      forecast.keystroke(10_000, 'inLine');
      forecast.keystroke(10_120, 'inLine');
      assert.ok(forecast.delay(75, 1500) >= 450, `${forecast.delay(75, 1500)}`);
    });

    it('with the in-line likelihood (0.6) a line start still waits, though less than inside a line', () => {
      const strict = new PauseForecast({ likelihood: 0.6, lineStart: { window: 32, likelihood: 0.6, prior: LINE_START_GAPS, priorGaps: 8 } });
      firstLine(strict, 20);
      const atLineStart = strict.delay(75, 1500);
      strict.keystroke(10_000, 'inLine');
      strict.keystroke(10_120, 'inLine');
      const inLine = strict.delay(75, 1500);
      assert.ok(atLineStart > 75 && atLineStart < inLine, `line start ${atLineStart}, in line ${inLine}`);
    });

    it('counts the gaps after line starts apart, and each replaces one of their prior gaps', () => {
      const forecast = new PauseForecast();
      firstLine(forecast, 5);
      assert.equal(forecast.priorWeight('lineStart'), 8, 'the Enter\'s own gap is not closed yet');
      assert.equal(forecast.priorWeight('inLine'), 64 - 5);
      forecast.keystroke(5_000, 'inLine');
      assert.equal(forecast.priorWeight('lineStart'), 7);
      assert.equal(forecast.priorWeight('inLine'), 64 - 5);
    });

    it('a user who never pauses at line starts makes them wait like any other key', () => {
      const forecast = new PauseForecast();
      forecast.firstLineAfter(300);
      let at = 0;
      for (let line = 0; line < 40; line++) {
        for (let i = 0; i < 10; i++) forecast.keystroke((at += 120), 'inLine');
        forecast.keystroke((at += 120), 'lineStart');
      }
      assert.equal(forecast.priorWeight('lineStart'), 0);
      // Every gap after a line start was 120 ms: the forecast waits them out.
      assert.equal(forecast.delay(75, 1500), 125);
    });

    it('a user who pauses at most line starts gets the debounce alone there', () => {
      const forecast = new PauseForecast();
      forecast.firstLineAfter(300);
      let at = 0;
      for (let line = 0; line < 40; line++) {
        // The gap after the line start (closed by the line's first key): a pause on 2 lines of 3.
        forecast.keystroke((at += line % 3 === 0 ? 120 : 2000), 'inLine');
        for (let i = 0; i < 10; i++) forecast.keystroke((at += 120), 'inLine');
        forecast.keystroke((at += 120), 'lineStart');
      }
      assert.equal(forecast.delay(75, 1500), 75);
    });
  });
});
