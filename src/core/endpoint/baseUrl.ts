/**
 * The one place a `cometComplete.baseUrl` value is checked and joined with a route
 * (`completions`, `models`). The settings validator, the client, the endpoint resolver and
 * the model list all go through here, so they agree on what a usable base URL is.
 */

/** A usable base URL, or why the value cannot be used (a sentence fragment: "is not a valid URL"). */
export type BaseUrlCheck = { url: URL } | { problem: string };

/** Parses and checks a base URL: http(s), no credentials. */
export function parseBaseUrl(baseUrl: string): BaseUrlCheck {
  let url: URL;
  try {
    url = new URL(String(baseUrl ?? '').trim());
  } catch {
    return { problem: 'is not a valid URL' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { problem: 'must start with http:// or https://' };
  if (url.username || url.password) return { problem: 'must not contain a user name or password (set the API key instead)' };
  return { url };
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
