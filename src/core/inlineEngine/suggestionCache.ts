/**
 * The bounded LRU cache of shown suggestions, keyed as `../inline/completionCacheKey.ts`
 * describes (document, prefix tail, suffix head, request settings). Each entry remembers the
 * request it came from, so a hit can say whose text it shows.
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

export class SuggestionCache {
  private readonly entries: LruCache<string, CachedSuggestion>;
  private readonly store: SuggestionStore;

  constructor(capacity: number) {
    this.entries = new LruCache(capacity);
    this.store = { get: (key) => this.entries.get(key)?.texts };
  }

  get size(): number {
    return this.entries.size;
  }

  set(key: string, entry: CachedSuggestion): void {
    if (entry.texts.length > 0) this.entries.set(key, entry);
  }

  /** An exact hit, or an earlier position whose suggestion starts with what was typed since. */
  lookup(parts: CacheKeyParts): CacheHit | undefined {
    const hit = lookupCompletion(this.store, parts);
    if (!hit) return undefined;
    const entry = this.entries.peek(hit.key);
    return { texts: hit.texts, requestId: entry?.requestId ?? 0, typedChars: (entry?.typedChars ?? 0) + hit.typed.length };
  }

  clear(): void {
    this.entries.clear();
  }
}
