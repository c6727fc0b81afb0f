/**
 * The bounded LRU cache of shown suggestions, keyed as `../inline/completionCacheKey.ts`
 * describes (document, prefix tail, suffix head, request settings). Each entry remembers the
 * request it came from, so a hit can say whose text it shows.
 *
 * Looking up a position that has nothing cached is the common case while typing, and
 * `lookupCompletion` would pay for it by building a key for every character it walks back
 * over. So the cache also keeps the last few characters of each entry's prefix (a signature):
 * the walk builds and looks up a key only at a position that ends with one of them, and reads
 * a position's last three characters as a number first, so most positions cost no string.
 */
import { CacheKeyParts, lookupCompletion, SuggestionStore } from '../inline/completionCacheKey';
import { LruCache } from '../inline/lruCache';

export interface CachedSuggestion {
  texts: readonly string[];
  requestId: number;
  /** Characters typed through the request's suggestion at the cached position. */
  typedChars: number;
}

export interface CacheHit {
  texts: string[];
  requestId: number;
  typedChars: number;
}

/** Characters of a prefix's end in a signature. */
const SIGNATURE_CHARS = 16;
/** Characters of a signature's end in its tail code (see {@link tailCode}). */
const TAIL_CHARS = 3;

/**
 * The last {@link TAIL_CHARS} characters of `text` before `end` as one number (0 for each
 * position before the text's start). Read without making a string: the walk back over the
 * just-typed characters tries up to 65 positions per keystroke, and most end in characters
 * no signature ends in.
 */
function tailCode(text: string, end: number): number {
  let code = 0;
  for (let i = end - TAIL_CHARS; i < end; i++) code = code * 65537 + (i >= 0 ? text.charCodeAt(i) + 1 : 0);
  return code;
}

export class SuggestionCache {
  private readonly entries: LruCache<string, CachedSuggestion>;
  private readonly store: SuggestionStore;
  private readonly signatureOf = new Map<string, string>();
  private signatures = new Set<string>();
  /** The signatures' tail codes: a position whose tail code is not here has no signature. */
  private tails = new Set<number>();

  constructor(capacity: number) {
    this.entries = new LruCache(capacity);
    this.store = {
      get: (key) => this.entries.get(key)?.texts,
      mayHoldAt: (prefix, end) =>
        this.tails.has(tailCode(prefix, end)) && this.signatures.has(prefix.slice(Math.max(0, end - SIGNATURE_CHARS), end)),
    };
  }

  get size(): number {
    return this.entries.size;
  }

  /** Stores `entry` under `key`, made from a position whose prefix ends with `prefixEnd`. */
  set(key: string, entry: CachedSuggestion, prefixEnd: string): void {
    if (entry.texts.length === 0) return;
    this.entries.set(key, entry);
    const signature = prefixEnd.slice(-SIGNATURE_CHARS);
    this.signatureOf.set(key, signature);
    this.signatures.add(signature);
    this.tails.add(tailCode(signature, signature.length));
    // Evicted entries leave their signatures behind (harmless: a needless walk); tidy up now and then.
    if (this.signatureOf.size > 2 * this.entries.capacity) this.forgetEvicted();
  }

  /** An exact hit, or an earlier position whose suggestion starts with what was typed since. */
  lookup(parts: CacheKeyParts): CacheHit | undefined {
    if (this.signatures.size === 0) return undefined;
    const hit = lookupCompletion(this.store, parts);
    if (!hit) return undefined;
    const entry = this.entries.peek(hit.key);
    return { texts: hit.texts, requestId: entry?.requestId ?? 0, typedChars: (entry?.typedChars ?? 0) + hit.typed.length };
  }

  clear(): void {
    this.entries.clear();
    this.signatureOf.clear();
    this.signatures.clear();
    this.tails.clear();
  }

  private forgetEvicted(): void {
    for (const key of [...this.signatureOf.keys()]) if (!this.entries.has(key)) this.signatureOf.delete(key);
    this.signatures = new Set(this.signatureOf.values());
    this.tails = new Set([...this.signatures].map((signature) => tailCode(signature, signature.length)));
  }
}
