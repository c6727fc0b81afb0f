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
  /** Set when the base URL cannot be used: why, naming the setting. Nothing may be sent then. */
  problem?: string;
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname) || /^127(\.\d{1,3}){3}$/.test(hostname) || hostname.endsWith('.localhost');
}

/**
 * The endpoint of a base URL. Never throws: an unusable base URL gives an endpoint with a
 * `problem` (to be shown naming the setting) and an origin no key is stored under.
 */
export function resolveEndpoint(baseUrl: string): Endpoint {
  const joined = joinBaseUrl(baseUrl, 'completions');
  if ('problem' in joined) {
    const shown = String(baseUrl ?? '').trim();
    return {
      completionsUrl: `${shown}/completions`,
      origin: INVALID_ORIGIN,
      host: shown,
      isLoopback: false,
      problem: baseUrlProblemMessage(shown, joined.problem),
    };
  }
  const url = joined.url;
  return { completionsUrl: url.href, origin: url.origin, host: url.host, isLoopback: isLoopbackHost(url.hostname) };
}

/** The origin of an unusable base URL: matches no stored key. */
export const INVALID_ORIGIN = 'invalid-base-url:';

/** The sentence every refused request shows for a bad base URL. */
export function baseUrlProblemMessage(baseUrl: string, problem: string): string {
  return `The setting “cometComplete.baseUrl” (“${baseUrl}”) ${problem}. Nothing is sent until it is fixed.`;
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
