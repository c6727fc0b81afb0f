import * as assert from 'node:assert/strict';
import { isRecord } from '../../../src/core/json/isRecord';

describe('isRecord', () => {
  it('accepts objects with fields, including empty ones and parsed JSON objects', () => {
    assert.equal(isRecord({}), true);
    assert.equal(isRecord({ choices: [] }), true);
    assert.equal(isRecord(JSON.parse('{"error":{"message":"x"}}')), true);
  });

  it('rejects null, arrays and every primitive a JSON body can hold', () => {
    for (const value of [null, undefined, [], [{ a: 1 }], 'text', 0, 1.5, true, false]) {
      assert.equal(isRecord(value), false, JSON.stringify(value));
    }
  });
});
