/**
 * The one place a `cometComplete.baseUrl` value is checked and joined with a route
 * (`completions`, `models`). The settings validator, the client, the endpoint resolver and
 * the model list all go through here, so they agree on what a usable base URL is.
 */

/** A usable base URL, or why the value cannot be used (a sentence fragment: "is not a valid URL"). */
export type BaseUrlCheck = { url: URL } | { problem: string };

/**
 * Parses and checks a base URL: http(s) with the scheme written out (so `localhost:11434/v1`
 * is refused, not read as the scheme `localhost:`), no credentials, no query, no fragment.
 */
export function parseBaseUrl(baseUrl: string): BaseUrlCheck {
  const text = String(baseUrl ?? '').trim();
  if (text === '') return { problem: 'is empty; it must be a URL such as https://api.cometapi.com/v1' };
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    const hint = lacksScheme(text) ? ` (did you mean “http://${text}”?)` : '';
    return { problem: `must be a URL such as https://api.cometapi.com/v1; it is not a valid URL${hint}` };
  }
  if (!/^https?:\/\//i.test(text) || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    const hint = lacksScheme(text) ? `did you mean “http://${text}”?` : `got ${url.protocol}//`;
    return { problem: `must start with http:// or https:// (${hint})` };
  }
  if (url.username || url.password) return { problem: 'must not contain a user name or password (set the key with “Comet Complete: Set API Key”)' };
  if (url.search || url.hash) return { problem: 'must not contain a query (?…) or fragment (#…)' };
  return { url };
}

/** "host:port/path" without a scheme: the user most likely meant http:// in front. */
function lacksScheme(text: string): boolean {
  return /^[a-z0-9.-]+:\d+(\/|$)/i.test(text) || /^(localhost|127\.|\[::1\])/i.test(text);
}

/** `{baseUrl without trailing slash}/{route}` (fragment dropped), or why the base URL cannot be used. */
export function joinBaseUrl(baseUrl: string, route: string): BaseUrlCheck {
  const checked = parseBaseUrl(baseUrl);
  if ('problem' in checked) return checked;
  const url = checked.url;
  url.pathname = url.pathname.replace(/\/+$/, '') + '/' + route.replace(/^\/+/, '');
  url.hash = '';
  return { url };
}

/** `{baseUrl without trailing slash}/completions`, or why the base URL cannot be used. */
export function completionsUrl(baseUrl: string): BaseUrlCheck {
  return joinBaseUrl(baseUrl, 'completions');
}
