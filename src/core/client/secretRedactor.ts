/**
 * Keeps the API key out of every text we build from what a server sent us.
 * Servers (and proxies) sometimes echo the request headers back in an error body;
 * whatever lands in an {@link ApiError} goes through here first.
 */
import type { ApiErrorInit } from './apiError';

export const REDACTED = '[redacted]';

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The spellings of a key that can show up in server text: as is, JSON-escaped, URL-encoded. */
function secretSpellings(secret: string): string[] {
  const spellings = new Set<string>([secret]);
  const trimmed = secret.trim();
  if (trimmed) spellings.add(trimmed);
  for (const s of [...spellings]) {
    spellings.add(JSON.stringify(s).slice(1, -1));
    try {
      spellings.add(encodeURIComponent(s));
    } catch {
      // lone surrogate: no URL-encoded spelling exists
    }
  }
  spellings.delete('');
  // Longest first, so a spelling that contains another is replaced whole.
  return [...spellings].sort((a, b) => b.length - a.length);
}

/**
 * Replaces every occurrence of `secret` (and `Bearer <secret>`, case-insensitively on "Bearer")
 * in `text` with `[redacted]`. Any non-empty secret is redacted, however short.
 * Returns `text` unchanged when there is no secret.
 */
export function redactSecret(text: string, secret: string | undefined | null): string {
  if (!secret || !secret.trim() || !text) return text;
  let out = text;
  for (const spelling of secretSpellings(secret)) {
    const s = escapeRegExp(spelling);
    out = out.replace(new RegExp(`Bearer\\s+${s}`, 'gi'), REDACTED).split(spelling).join(REDACTED);
  }
  return out;
}

/** {@link redactSecret} over every text field of an error before it becomes an ApiError. */
export function redactErrorInit(init: ApiErrorInit, secret: string | undefined | null): ApiErrorInit {
  const r = (t: string | undefined) => (t === undefined ? undefined : redactSecret(t, secret));
  return {
    ...init,
    message: redactSecret(init.message, secret),
    serverMessage: r(init.serverMessage),
    serverType: r(init.serverType),
    serverCode: r(init.serverCode),
  };
}
