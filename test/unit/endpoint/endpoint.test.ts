import * as assert from 'node:assert/strict';
import { insecureEndpointReason, resolveEndpoint } from '../../../src/core/endpoint/endpoint';

describe('endpoint', () => {
  it('appends /completions to the base URL, with or without a trailing slash', () => {
    assert.equal(resolveEndpoint('https://api.cometapi.com/v1').completionsUrl, 'https://api.cometapi.com/v1/completions');
    assert.equal(resolveEndpoint('https://api.cometapi.com/v1/').completionsUrl, 'https://api.cometapi.com/v1/completions');
    assert.equal(resolveEndpoint('http://127.0.0.1:8080/v1').completionsUrl, 'http://127.0.0.1:8080/v1/completions');
  });

  it('keys by origin: scheme, host and port', () => {
    assert.equal(resolveEndpoint('https://api.cometapi.com/v1').origin, 'https://api.cometapi.com');
    assert.equal(resolveEndpoint('https://api.cometapi.com:443/other').origin, 'https://api.cometapi.com');
    assert.notEqual(resolveEndpoint('http://127.0.0.1:8080/v1').origin, resolveEndpoint('http://127.0.0.1:8081/v1').origin);
    assert.notEqual(resolveEndpoint('http://example.com/v1').origin, resolveEndpoint('https://example.com/v1').origin);
  });

  it('refuses plain http to another machine unless allowed, and always allows loopback', () => {
    for (const url of ['http://127.0.0.1:8080/v1', 'http://localhost:11434/v1', 'http://[::1]:8000/v1', 'http://127.1.2.3/v1']) {
      assert.equal(insecureEndpointReason(resolveEndpoint(url), false), undefined, url);
    }
    const reason = insecureEndpointReason(resolveEndpoint('http://192.0.2.10:8080/v1'), false);
    assert.match(reason ?? '', /http:\/\/192\.0\.2\.10:8080.*unencrypted.*cometComplete\.allowInsecureHttp/);
    assert.equal(insecureEndpointReason(resolveEndpoint('http://192.0.2.10:8080/v1'), true), undefined);
    assert.equal(insecureEndpointReason(resolveEndpoint('https://api.cometapi.com/v1'), false), undefined);
  });
});
