import * as assert from 'node:assert/strict';
import { DEFAULT_MAX_RESPONSE_BYTES } from '../../../src/core/client/completionClient';
import { responseByteCap } from '../../../src/core/reliability/responseByteCap';

describe('responseByteCap', function () {
  it('is 1 MiB for ordinary requests', function () {
    assert.equal(DEFAULT_MAX_RESPONSE_BYTES, 1024 * 1024);
    assert.equal(responseByteCap({ n: 1, max_tokens: 256 }), 1024 * 1024);
    assert.equal(responseByteCap({ n: 3, max_tokens: 64, logprobs: 5 }), 1024 * 1024);
  });

  it('grows for requests that can legitimately answer more, never past 64 MiB', function () {
    assert.equal(responseByteCap({ n: 10, max_tokens: 4096, logprobs: 5 }), 2 * 10 * 4096 * (256 + 320));
    assert.equal(responseByteCap({ n: 10, max_tokens: 32768, logprobs: 5 }), 64 * 1024 * 1024);
    assert.equal(responseByteCap({ n: NaN, max_tokens: -1 }), 1024 * 1024);
  });
});
