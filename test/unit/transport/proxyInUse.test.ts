import * as assert from 'node:assert/strict';
import { proxyInUse } from '../../../src/core/transport/proxyInUse';

describe('proxyInUse', function () {
  const https = new URL('https://api.example.com/v1/completions');
  const http = new URL('http://127.0.0.1:8080/v1/completions');

  it('no setting, no environment: no proxy', function () {
    assert.equal(proxyInUse(https, { env: {} }), false);
    assert.equal(proxyInUse(https, { httpProxy: '  ', env: {} }), false);
  });

  it('the http.proxy setting means a proxy, unless http.proxySupport is off', function () {
    assert.equal(proxyInUse(https, { httpProxy: 'http://proxy:3128', env: {} }), true);
    assert.equal(proxyInUse(https, { httpProxy: 'http://proxy:3128', proxySupport: 'off', env: {} }), false);
  });

  it('https URLs follow HTTPS_PROXY or HTTP_PROXY (either case); http URLs only HTTP_PROXY', function () {
    assert.equal(proxyInUse(https, { env: { HTTPS_PROXY: 'http://p:1' } }), true);
    assert.equal(proxyInUse(https, { env: { https_proxy: 'http://p:1' } }), true);
    assert.equal(proxyInUse(https, { env: { HTTP_PROXY: 'http://p:1' } }), true);
    assert.equal(proxyInUse(http, { env: { HTTPS_PROXY: 'http://p:1' } }), false);
    assert.equal(proxyInUse(http, { env: { http_proxy: 'http://p:1' } }), true);
  });
});
