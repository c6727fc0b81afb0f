/**
 * Cache keys for ghost-text suggestions and the look-ups that avoid a request:
 *
 *  - {@link completionCacheKey}: document id + the tail of the prefix + the head of the suffix
 *    + a fingerprint of the settings that shaped the request. Mode-dependent parts of a request
 *    (`max_tokens`, the single-line `'\n'` stop) are NOT in the fingerprint: they follow from
 *    prefix and suffix, which are in the key already; putting them in would stop a look-up at
 *    an earlier prefix (typing through) from ever matching when the mode changed.
 *  - {@link continueSuggestion}: the suggestion shown at prefix P, the user has typed T since
 *    (prefix is now P+T) and the suggestion starts with T → the rest, no request.
 *  - {@link lookupCompletion}: exact key first (also what makes backspace / returning to an
 *    earlier position find what was cached there), then walks back over up to N just-typed
 *    characters looking for an entry whose suggestions start with them. It is the plain
 *    definition, over any store: the engine's `../inlineEngine/suggestionCache.ts` finds the
 *    same without building a key per position, and its tests hold it to this.
 */
import { INLINE_DEFAULTS } from './inlineDefaults';

export interface CacheKeyParts {
  /** Stable id of the document, e.g. its URI string. */
  documentId: string;
  /** Text before the cursor (as sent, with a selected IntelliSense item applied). */
  prefix: string;
  /** Text after the cursor. */
  suffix: string;
  /** From {@link stableFingerprint} of the request settings. */
  fingerprint: string;
}

export interface CacheKeyOptions {
  /** Characters of the prefix tail in the key. */
  prefixChars: number;
  /** Characters of the suffix head in the key. */
  suffixChars: number;
}

export interface CacheLookupOptions extends CacheKeyOptions {
  /** How many just-typed characters to walk back over. */
  maxTypeThroughChars: number;
}

export interface CacheLookupResult {
  /** Suggestions to show now (the typed part removed). */
  texts: string[];
  /** Characters typed since the cached entry ('' for an exact hit). */
  typed: string;
  /** Key of the entry that answered. */
  key: string;
}

export const DEFAULT_CACHE_LOOKUP_OPTIONS: Readonly<CacheLookupOptions> = Object.freeze({
  prefixChars: INLINE_DEFAULTS.cacheKeyPrefixChars,
  suffixChars: INLINE_DEFAULTS.cacheKeySuffixChars,
  maxTypeThroughChars: INLINE_DEFAULTS.cacheTypeThroughMaxChars,
});

/** JSON with object keys sorted at every level, so equal settings give equal strings. */
export function stableStringify(value: unknown): string {
  if (value === undefined) return 'null';
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) return JSON.stringify(String(value));
    return JSON.stringify(value) ?? 'null';
  }
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  const record = value as Record<string, unknown>;
  const fields = Object.keys(record)
    .filter((key) => record[key] !== undefined)
    .sort()
    .map((key) => `${JSON.stringify(key)}:${stableStringify(record[key])}`);
  return `{${fields.join(',')}}`;
}

function fnv1a32(text: string, seed: number): number {
  let hash = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

/** A 64-bit (16 hex digits) hash of {@link stableStringify}(value); key order does not matter. */
export function stableFingerprint(value: unknown): string {
  const text = stableStringify(value);
  const high = fnv1a32(text, 0x811c9dc5);
  const low = fnv1a32(text, 0x2166136f);
  return high.toString(16).padStart(8, '0') + low.toString(16).padStart(8, '0');
}

/**
 * The start of every key for `parts`' document, settings and suffix head: each part led by its
 * length, so no text inside a part can pass for a boundary (the key stays exact, without the
 * escaping pass JSON would make over a thousand characters on every keystroke). The prefix
 * tail follows it, last, as is.
 */
export function cacheKeyHead(parts: CacheKeyParts, options: CacheKeyOptions = DEFAULT_CACHE_LOOKUP_OPTIONS): string {
  const suffixHead = parts.suffix.slice(0, Math.max(0, Math.floor(options.suffixChars)));
  return `${parts.documentId.length}:${parts.documentId}${parts.fingerprint.length}:${parts.fingerprint}${suffixHead.length}:${suffixHead}`;
}

/** The key of the position whose prefix is `prefix.slice(0, end)`, after {@link cacheKeyHead}. */
function keyAt(head: string, prefix: string, end: number, prefixChars: number): string {
  return prefixChars === 0 ? head : head + prefix.slice(Math.max(0, end - prefixChars), end);
}

function prefixCharsOf(options: CacheKeyOptions): number {
  return Math.max(0, Math.floor(options.prefixChars));
}

/**
 * Whether `key` is the key of the position whose prefix is `prefix.slice(0, end)` under `head`
 * (what {@link keyAt} would build), compared in place instead of built: a 1.2 KB key costs a
 * copy and a hash to build, a comparison only reads it.
 */
export function isKeyAt(
  key: string,
  head: string,
  prefix: string,
  end: number,
  options: CacheKeyOptions = DEFAULT_CACHE_LOOKUP_OPTIONS,
): boolean {
  const start = Math.max(0, end - prefixCharsOf(options));
  if (key.length !== head.length + (end - start) || !key.startsWith(head)) return false;
  return end === start || key.endsWith(prefix.slice(start, end));
}

export function completionCacheKey(
  parts: CacheKeyParts,
  options: CacheKeyOptions = DEFAULT_CACHE_LOOKUP_OPTIONS,
): string {
  return keyAt(cacheKeyHead(parts, options), parts.prefix, parts.prefix.length, prefixCharsOf(options));
}

/**
 * The part of `suggestion` (shown when the prefix was `shownPrefix`) still to show now that
 * the prefix is `currentPrefix`; undefined when the user typed something else, went back
 * before `shownPrefix`, or typed the whole suggestion.
 */
export function continueSuggestion(shownPrefix: string, suggestion: string, currentPrefix: string): string | undefined {
  if (currentPrefix.length < shownPrefix.length || !currentPrefix.startsWith(shownPrefix)) return undefined;
  const typed = currentPrefix.slice(shownPrefix.length);
  if (!suggestion.startsWith(typed) || suggestion.length === typed.length) return undefined;
  return suggestion.slice(typed.length);
}

/** Any store of suggestion lists by key, e.g. `LruCache<string, readonly string[]>`. */
export interface SuggestionStore {
  get(key: string): readonly string[] | undefined;
}

/**
 * Cached suggestions for `parts`: an exact hit, else the nearest entry up to
 * `maxTypeThroughChars` characters back whose suggestions begin with what was typed since
 * (only those suggestions, shortened). Undefined when nothing fits.
 */
export function lookupCompletion(
  store: SuggestionStore,
  parts: CacheKeyParts,
  options: Partial<CacheLookupOptions> = {},
): CacheLookupResult | undefined {
  // Not a spread over the defaults: this runs on every keystroke.
  const settings: CacheLookupOptions = {
    prefixChars: options.prefixChars ?? DEFAULT_CACHE_LOOKUP_OPTIONS.prefixChars,
    suffixChars: options.suffixChars ?? DEFAULT_CACHE_LOOKUP_OPTIONS.suffixChars,
    maxTypeThroughChars: options.maxTypeThroughChars ?? DEFAULT_CACHE_LOOKUP_OPTIONS.maxTypeThroughChars,
  };
  const { prefix } = parts;
  const prefixChars = prefixCharsOf(settings);
  // Built once: only the prefix tail differs between the positions walked over.
  const head = cacheKeyHead(parts, settings);
  const exactKey = keyAt(head, prefix, prefix.length, prefixChars);
  const exact = store.get(exactKey);
  if (exact && exact.length > 0) return { texts: [...exact], typed: '', key: exactKey };
  const maxBack = Math.min(Math.max(0, Math.floor(settings.maxTypeThroughChars)), prefix.length);
  for (let back = 1; back <= maxBack; back++) {
    const end = prefix.length - back;
    const key = keyAt(head, prefix, end, prefixChars);
    const cached = store.get(key);
    if (!cached) continue;
    // Same rule as continueSuggestion, without re-comparing the whole prefix.
    const typed = prefix.slice(end);
    const texts = cached.filter((text) => text.length > back && text.startsWith(typed)).map((text) => text.slice(back));
    if (texts.length > 0) return { texts, typed, key };
  }
  return undefined;
}
