import * as assert from 'node:assert/strict';
import { PauseForecast } from '../../../src/core/inlineEngine/pauseForecast';

/** Feeds keystrokes separated by `gaps` (ms). */
function typed(forecast: PauseForecast, gaps: number[]): PauseForecast {
  let at = 0;
  forecast.keystroke(at);
  for (const gap of gaps) forecast.keystroke((at += gap));
  return forecast;
}

describe('PauseForecast', () => {
  it('keeps the debounce until it has seen a few gaps', () => {
    const forecast = new PauseForecast({ minGaps: 3 });
    typed(forecast, [150, 150]);
    assert.equal(forecast.delay(150, 1500), 150);
  });

  it('waits past the usual gaps between keys while no pause has been seen', () => {
    const forecast = typed(new PauseForecast({ minGaps: 3 }), [120, 180, 240, 160]);
    assert.equal(forecast.delay(100, 1500), 250, 'just longer than the longest gap seen');
  });

  it('sends once the gap is more likely than not to last until the first line arrives', () => {
    // 10 gaps of 200 ms and 10 pauses of 2 s; first lines take 300 ms.
    const forecast = typed(new PauseForecast({ likelihood: 0.5, stepMs: 10 }), [...Array(10).fill(200), ...Array(10).fill(2000)]);
    forecast.firstLineAfter(300);
    // At 100 ms all 20 gaps are still open and 10 of them outlast 400 ms: 0.5 is enough.
    assert.equal(forecast.delay(100, 1500), 100);
    const stricter = typed(new PauseForecast({ likelihood: 0.6, stepMs: 10 }), [...Array(10).fill(200), ...Array(10).fill(2000)]);
    stricter.firstLineAfter(300);
    // Past 200 ms only the pauses are left.
    assert.equal(stricter.delay(100, 1500), 210);
  });

  it('a slower server makes it wait longer', () => {
    const gaps = [...Array(20).fill(150), 300, 350, 400, 450, ...Array(4).fill(3000)];
    const fast = typed(new PauseForecast(), gaps);
    fast.firstLineAfter(50);
    const slow = typed(new PauseForecast(), gaps);
    slow.firstLineAfter(600);
    assert.ok(slow.delay(100, 1500) > fast.delay(100, 1500), `${slow.delay(100, 1500)} > ${fast.delay(100, 1500)}`);
  });

  it('never waits past the cap', () => {
    const forecast = typed(new PauseForecast({ minGaps: 3 }), [3000, 3000, 3000, 3000]);
    forecast.firstLineAfter(5000);
    assert.equal(forecast.delay(100, 1500), 1500);
  });

  it('learns from requests the user outran: a first line takes at least that long', () => {
    const forecast = new PauseForecast({ assumedFirstLineMs: 100 });
    forecast.outrunAfter(400);
    assert.equal(forecast.firstLineMs, 400);
    forecast.outrunAfter(200);
    assert.equal(forecast.firstLineMs, 400, 'a shorter outrun tells nothing new');
    forecast.firstLineAfter(250);
    assert.equal(forecast.firstLineMs, 250, 'the first measurement replaces what was assumed');
    forecast.firstLineAfter(350);
    assert.equal(forecast.firstLineMs, 0.3 * 350 + 0.7 * 250);
  });
});
