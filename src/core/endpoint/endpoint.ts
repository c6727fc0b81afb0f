/**
 * Where requests go, and whether the API key may travel there.
 * Keys are kept per origin (scheme + host + port) so that a key given for one server
 * is never sent to another.
 */
import { joinBaseUrl } from './baseUrl';

export interface Endpoint {
  /** `{baseUrl}/completions`, without a trailing slash on the base. */
  completionsUrl: string;
  /** e.g. `https://api.cometapi.com` (default ports elided, as URL.origin does). */
  origin: string;
  /** Host name and port only, for the status bar and prompts. */
  host: string;
  isLoopback: boolean;
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname) || /^127(\.\d{1,3}){3}$/.test(hostname) || hostname.endsWith('.localhost');
}

export function resolveEndpoint(baseUrl: string): Endpoint {
  const url = new URL(baseUrl);
  const joined = joinBaseUrl(baseUrl, 'completions');
  return {
    completionsUrl: 'url' in joined ? joined.url.href : `${url.href.replace(/\/+$/, '')}/completions`,
    origin: url.origin,
    host: url.host,
    isLoopback: isLoopbackHost(url.hostname),
  };
}

/**
 * Refuses a plain-http endpoint on another machine unless the user opted in:
 * the key would cross the network unencrypted. Returns the reason, or undefined when allowed.
 */
export function insecureEndpointReason(endpoint: Endpoint, allowInsecureHttp: boolean): string | undefined {
  if (!endpoint.origin.startsWith('http:') || endpoint.isLoopback || allowInsecureHttp) return undefined;
  return (
    `The base URL ${endpoint.origin} uses plain http:// to another machine, so your API key would travel unencrypted. ` +
    'Use https://, or turn on “cometComplete.allowInsecureHttp” if you trust the network.'
  );
}
