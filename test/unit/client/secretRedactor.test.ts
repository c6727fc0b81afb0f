import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { ApiError } from '../../../src/core/client/apiError';
import { REDACTED, redactErrorInit, redactSecret } from '../../../src/core/client/secretRedactor';

const KEY = 'sk-proj-Ab3$9.x+y(z)';

describe('secretRedactor', function () {
  it('replaces every occurrence of the key', function () {
    assert.equal(redactSecret(`a ${KEY} b ${KEY}`, KEY), `a ${REDACTED} b ${REDACTED}`);
  });

  it('replaces "Bearer <key>" as a whole, whatever the case of Bearer', function () {
    assert.equal(redactSecret(`Authorization: Bearer ${KEY}; bearer  ${KEY}`, KEY), `Authorization: ${REDACTED}; ${REDACTED}`);
  });

  it('treats regular-expression characters in the key literally', function () {
    assert.equal(redactSecret('sk-proj-Ab3$9Xx+y(z)', KEY), 'sk-proj-Ab3$9Xx+y(z)');
    assert.equal(redactSecret(`[${KEY}]`, KEY), `[${REDACTED}]`);
  });

  it('catches the JSON-escaped and URL-encoded spellings', function () {
    const key = 'k"e\\y/with space';
    const json = JSON.stringify({ auth: key });
    assert.ok(!redactSecret(json, key).includes(JSON.stringify(key).slice(1, -1)));
    assert.equal(redactSecret(`?key=${encodeURIComponent(key)}`, key), `?key=${REDACTED}`);
  });

  it('redacts the trimmed key too', function () {
    assert.equal(redactSecret('x sk-123456 y', '  sk-123456\n'), `x ${REDACTED} y`);
  });

  it('leaves text alone without a (non-blank) key', function () {
    assert.equal(redactSecret('Bearer abc', undefined), 'Bearer abc');
    assert.equal(redactSecret('Bearer abc', ''), 'Bearer abc');
    assert.equal(redactSecret('Bearer abc', '   '), 'Bearer abc');
    assert.equal(redactSecret('', 'abc'), '');
  });

  it('never leaves the key in any text (property)', function () {
    // Keys that could be re-formed from "[redacted]" itself (brackets, or 8 characters or fewer) are out of scope.
    fc.assert(
      fc.property(fc.string({ minLength: 9, maxLength: 40 }), fc.array(fc.string({ maxLength: 20 }), { maxLength: 5 }), (key, parts) => {
        fc.pre(key.trim().length > 0 && !/[[\]]/.test(key));
        const text = parts.join(key) + key;
        assert.ok(!redactSecret(text, key).includes(key), `${JSON.stringify(key)} left in ${JSON.stringify(redactSecret(text, key))}`);
      }),
    );
  });

  it('redacts every text field of an error, so message, String() and stack are clean', function () {
    const init = redactErrorInit(
      { kind: 'auth', message: `bad ${KEY}`, serverMessage: `Bearer ${KEY}`, serverType: KEY, serverCode: `c-${KEY}`, status: 401 },
      KEY,
    );
    const error = new ApiError(init);
    for (const text of [error.message, error.serverMessage, error.serverType, error.serverCode, String(error), error.stack]) {
      assert.ok(text && !text.includes(KEY), `key left in ${text}`);
    }
    assert.equal(error.status, 401);
    assert.equal(error.serverMessage, REDACTED);
  });
});
