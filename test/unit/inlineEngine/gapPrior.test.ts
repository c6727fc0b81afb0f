import * as assert from 'node:assert/strict';
import { GapPrior, TYPICAL_PROGRAMMER_GAPS, priorSurvival } from '../../../src/core/inlineEngine/gapPrior';

describe('gapPrior', () => {
  const prior = TYPICAL_PROGRAMMER_GAPS;

  it('fluent gaps average 238 ms (Dhakal et al. 2018)', () => {
    const { medianMs, sigma } = prior.fluent;
    assert.ok(Math.abs(medianMs * Math.exp((sigma * sigma) / 2) - 238) < 1e-9);
  });

  it('puts ~97 % of fluent gaps under the 500 ms pause threshold', () => {
    const fluentOnly: GapPrior = { ...prior, pauseShare: 0 };
    const over = priorSurvival(fluentOnly, 500);
    assert.ok(over > 0.02 && over < 0.04, `${over}`);
    assert.ok(Math.abs(priorSurvival(fluentOnly, prior.fluent.medianMs) - 0.5) < 1e-6, 'half the gaps are longer than the median');
  });

  it('is a survival function: 1 at zero, falling, pauses in the tail', () => {
    assert.equal(priorSurvival(prior, 0), 1);
    let last = 1;
    for (let ms = 10; ms <= 10_000; ms += 10) {
      const value = priorSurvival(prior, ms);
      assert.ok(value <= last + 1e-12 && value >= 0, `at ${ms} ms`);
      last = value;
    }
    // Past a second nearly every gap is a pause: about the pauses' share of 5 %, times their own survival.
    assert.ok(Math.abs(priorSurvival(prior, 1500) - 0.05 * 0.5) < 1e-3);
  });
});
