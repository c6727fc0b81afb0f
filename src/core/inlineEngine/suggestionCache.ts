/**
 * The bounded LRU cache of shown suggestions, keyed as `../inline/completionCacheKey.ts`
 * describes (document, settings, suffix head, prefix tail). Each entry remembers the request it
 * came from, so a hit can say whose text it shows. A look-up finds what `lookupCompletion`
 * would find over the same entries (a property test holds it to that), at a fraction of its
 * cost on a keystroke:
 *
 * Looking up a position is done on every keystroke, and `lookupCompletion` would build a
 * 1.2 KB key (and hash it) for every character it walks back over. Instead the cache indexes
 * its keys by signature, the last {@link SIGNATURE_CHARS} characters of the entry's prefix.
 * The walk back reads each position's last three characters as a number first (most positions
 * end in characters no signature ends in: no string made), then takes the keys whose signature
 * the position ends with and checks the cheap thing first: does any of the entry's suggestions
 * start with what was typed since? Right after the user typed through a suggestion and went
 * another way, every position typed through has an entry whose signature matches and whose
 * suggestion no longer fits; none of them costs a key. Only a suggestion that fits is checked
 * against the whole key (compared in place, not built), and only then counts as used.
 */
import { cacheKeyHead, CacheKeyParts, DEFAULT_CACHE_LOOKUP_OPTIONS, isKeyAt } from '../inline/completionCacheKey';
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

const TYPE_THROUGH_CHARS = Math.max(0, Math.floor(DEFAULT_CACHE_LOOKUP_OPTIONS.maxTypeThroughChars));

/**
 * The last {@link TAIL_CHARS} characters of `text` before `end` as one number (0 for each
 * position before the text's start). Read without making a string: the walk back over the
 * just-typed characters tries up to 65 positions per keystroke.
 */
function tailCode(text: string, end: number): number {
  let code = 0;
  for (let i = end - TAIL_CHARS; i < end; i++) code = code * 65537 + (i >= 0 ? text.charCodeAt(i) + 1 : 0);
  return code;
}

/** `texts` that are longer than `typed` and start with it, with it removed. */
function fitting(texts: readonly string[], typed: string): string[] {
  const rest: string[] = [];
  for (const text of texts) if (text.length > typed.length && text.startsWith(typed)) rest.push(text.slice(typed.length));
  return rest;
}

export class SuggestionCache {
  private readonly entries: LruCache<string, CachedSuggestion>;
  /** Each entry's signature, and the keys under each signature (exact: evictions update both). */
  private readonly signatureOf = new Map<string, string>();
  private readonly keysBySignature = new Map<string, Set<string>>();
  /** How many signatures end in each tail code: a position whose tail code is absent has no entry. */
  private readonly tails = new Map<number, number>();

  constructor(capacity: number) {
    this.entries = new LruCache(capacity, (key) => this.unindex(key));
  }

  get size(): number {
    return this.entries.size;
  }

  /** Stores `entry` under `key`, made from a position whose prefix ends with `prefixEnd`. */
  set(key: string, entry: CachedSuggestion, prefixEnd: string): void {
    if (entry.texts.length === 0) return;
    this.entries.set(key, entry);
    if (!this.entries.has(key)) return;
    const signature = prefixEnd.slice(-SIGNATURE_CHARS);
    const known = this.signatureOf.get(key);
    if (known === signature) return;
    if (known !== undefined) this.unindex(key);
    this.signatureOf.set(key, signature);
    const keys = this.keysBySignature.get(signature);
    if (keys) keys.add(key);
    else {
      this.keysBySignature.set(signature, new Set([key]));
      const tail = tailCode(signature, signature.length);
      this.tails.set(tail, (this.tails.get(tail) ?? 0) + 1);
    }
  }

  /**
   * An exact hit, or the nearest earlier position (up to the type-through limit back) with a
   * suggestion that starts with what was typed since: those suggestions, shortened.
   */
  lookup(parts: CacheKeyParts): CacheHit | undefined {
    if (this.signatureOf.size === 0) return undefined;
    const { prefix } = parts;
    let head: string | undefined;
    const maxBack = Math.min(TYPE_THROUGH_CHARS, prefix.length);
    for (let back = 0; back <= maxBack; back++) {
      const end = prefix.length - back;
      if (!this.tails.has(tailCode(prefix, end))) continue;
      const keys = this.keysBySignature.get(prefix.slice(Math.max(0, end - SIGNATURE_CHARS), end));
      if (!keys) continue;
      const typed = back === 0 ? '' : prefix.slice(end);
      for (const key of keys) {
        const entry = this.entries.peek(key);
        if (!entry) continue;
        // At the position itself every suggestion fits (as in lookupCompletion's exact hit).
        const texts = back === 0 ? [...entry.texts] : fitting(entry.texts, typed);
        if (texts.length === 0) continue;
        head ??= cacheKeyHead(parts);
        if (!isKeyAt(key, head, prefix, end)) continue;
        this.entries.get(key);
        return { texts, requestId: entry.requestId, typedChars: entry.typedChars + back };
      }
    }
    return undefined;
  }

  clear(): void {
    this.entries.clear();
    this.signatureOf.clear();
    this.keysBySignature.clear();
    this.tails.clear();
  }

  private unindex(key: string): void {
    const signature = this.signatureOf.get(key);
    if (signature === undefined) return;
    this.signatureOf.delete(key);
    const keys = this.keysBySignature.get(signature);
    if (!keys) return;
    keys.delete(key);
    if (keys.size > 0) return;
    this.keysBySignature.delete(signature);
    const tail = tailCode(signature, signature.length);
    const count = (this.tails.get(tail) ?? 1) - 1;
    if (count > 0) this.tails.set(tail, count);
    else this.tails.delete(tail);
  }
}
