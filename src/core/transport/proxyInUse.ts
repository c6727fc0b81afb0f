/**
 * Whether requests to a URL go through a proxy the user configured. VS Code routes requests
 * through `http.proxy` or the `HTTPS_PROXY`/`HTTP_PROXY` environment by patching `https.request`
 * in the extension host; a connection we open ourselves (HTTP/2) would bypass that, so while a
 * proxy is in use requests take the patched HTTP/1.1 path. Order of the variables as VS Code's
 * own (lower case first).
 */

export interface ProxyFacts {
  /** The `http.proxy` setting ('' when unset). */
  httpProxy?: string;
  /** The `http.proxySupport` setting: 'off' means VS Code sends nothing through a proxy. */
  proxySupport?: string;
  env: Record<string, string | undefined>;
}

export function proxyInUse(url: URL, facts: ProxyFacts): boolean {
  if (facts.proxySupport === 'off') return false;
  if (facts.httpProxy && facts.httpProxy.trim()) return true;
  const env = facts.env;
  const fromEnv =
    url.protocol === 'https:'
      ? env.https_proxy || env.HTTPS_PROXY || env.http_proxy || env.HTTP_PROXY
      : env.http_proxy || env.HTTP_PROXY;
  return Boolean(fromEnv && fromEnv.trim());
}
