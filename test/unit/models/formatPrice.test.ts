import * as assert from 'node:assert/strict';
import { formatDollars, formatPrice } from '../../../src/core/models/formatPrice';

describe('formatPrice', () => {
  it('formats dollars with two significant digits below $1', () => {
    assert.equal(formatDollars(3), '$3');
    assert.equal(formatDollars(15), '$15');
    assert.equal(formatDollars(1.25), '$1.25');
    assert.equal(formatDollars(0.15), '$0.15');
    assert.equal(formatDollars(0.5), '$0.5');
    assert.equal(formatDollars(0.0384), '$0.038');
    assert.equal(formatDollars(0.008), '$0.008');
    assert.equal(formatDollars(120.4), '$120');
    assert.equal(formatDollars(0), '$0');
    assert.equal(formatDollars(NaN), '?');
  });

  it('prefers token prices, then per request, then per second', () => {
    assert.equal(formatPrice({ inputPerMTok: 1.5, outputPerMTok: 2 }), '$1.5 in / $2 out per 1M tokens');
    assert.equal(formatPrice({ inputPerMTok: 0.24 }), '$0.24 in per 1M tokens');
    assert.equal(formatPrice({ outputPerMTok: 0.96 }), '$0.96 out per 1M tokens');
    assert.equal(formatPrice({ perRequest: 0.008, perSecond: 1 }), '$0.008 per request');
    assert.equal(formatPrice({ perSecond: 0.1 }), '$0.1 per second');
    assert.equal(formatPrice({}), undefined);
    assert.equal(formatPrice(undefined), undefined);
  });
});
