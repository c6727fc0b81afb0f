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
 * The walk back reads each position's last three characters as a slot of a small table first
 * (most positions end in characters no signature ends in: no string made, no map asked), then
 * hashes the position's last {@link SIGNATURE_CHARS} characters in place, takes the keys under
 * that hash whose signature the position really ends with, and checks the cheap thing first:
 * does any of the entry's suggestions start with what was typed since? Right after the user
 * typed through a suggestion and went another way, every position typed through has an entry
 * whose signature matches and whose suggestion no longer fits; none of them costs a key, or
 * even a string. Only a suggestion that fits is checked against the whole key (compared in
 * place, not built), and only then counts as used.
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
/** Characters of a signature's end in its tail slot (see {@link tailSlot}). */
const TAIL_CHARS = 3;
/** Slots of the tail table: a power of two, many times the entries a cache holds. */
const TAIL_SLOTS = 4096;

const TYPE_THROUGH_CHARS = Math.max(0, Math.floor(DEFAULT_CACHE_LOOKUP_OPTIONS.maxTypeThroughChars));

/**
 * The slot of the last {@link TAIL_CHARS} characters of `text` before `end` (a position before
 * the text's start counts as a character of its own) in a table of {@link TAIL_SLOTS}. Read
 * without making a string or a number object: the walk back over the just-typed characters
 * tries up to 65 positions per keystroke, and a slot is one small integer into a typed array.
 * Different tails may share a slot: the table only says where no signature ends.
 */
export function tailSlot(text: string, end: number): number {
  let slot = 0;
  for (let i = end - TAIL_CHARS; i < end; i++) slot = (slot * 131 + (i >= 0 ? text.charCodeAt(i) + 1 : 0)) & (TAIL_SLOTS - 1);
  return slot;
}

/** Whether `text` starts with `prefix`'s characters from `from` to its end (compared in place). */
function startsWithRest(text: string, prefix: string, from: number): boolean {
  if (text.length < prefix.length - from) return false;
  for (let i = from; i < prefix.length; i++) if (text.charCodeAt(i - from) !== prefix.charCodeAt(i)) return false;
  return true;
}

/**
 * `texts` that are longer than what was typed since `end` (the rest of `prefix`) and start with
 * it, with it removed; undefined when none does. Nothing is made for a position that does not
 * fit: most positions walked back over do not.
 */
function fittingAt(texts: readonly string[], prefix: string, end: number): string[] | undefined {
  const typed = prefix.length - end;
  let rest: string[] | undefined;
  for (let i = 0; i < texts.length; i++) {
    const text = texts[i];
    if (text.length > typed && startsWithRest(text, prefix, end)) (rest ??= []).push(text.slice(typed));
  }
  return rest;
}

/** A hash of `text`'s characters from `from` to `end`: a signature's place in the index, read in place. */
function signatureHash(text: string, from: number, end: number): number {
  let hash = end - from;
  for (let i = from; i < end; i++) hash = (Math.imul(hash, 31) + text.charCodeAt(i)) | 0;
  return hash;
}

export class SuggestionCache {
  private readonly entries: LruCache<string, CachedSuggestion>;
  /** Each entry's signature, and the keys under each signature's hash (exact: evictions update both). */
  private readonly signatureOf = new Map<string, string>();
  private readonly keysByHash = new Map<number, string[]>();
  /** How many keys' signatures end in each tail slot: a position whose slot counts none has no entry. */
  private readonly tails: Uint32Array = new Uint32Array(TAIL_SLOTS);

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
    const hash = signatureHash(signature, 0, signature.length);
    const keys = this.keysByHash.get(hash);
    if (keys) keys.push(key);
    else this.keysByHash.set(hash, [key]);
    this.tails[tailSlot(signature, signature.length)]++;
  }

  /**
   * An exact hit, or the nearest earlier position (up to the type-through limit back) with a
   * suggestion that starts with what was typed since: those suggestions, shortened.
   *
   * Right after the user typed through a suggestion and went another way, most of the positions
   * walked back over have an entry (each one typed through) whose suggestion no longer fits:
   * each costs a few character comparisons in place, no string, array or iterator.
   */
  lookup(parts: CacheKeyParts): CacheHit | undefined {
    if (this.signatureOf.size === 0) return undefined;
    const { prefix } = parts;
    let head: string | undefined;
    const maxBack = Math.min(TYPE_THROUGH_CHARS, prefix.length);
    for (let back = 0; back <= maxBack; back++) {
      const end = prefix.length - back;
      if (this.tails[tailSlot(prefix, end)] === 0) continue;
      const from = Math.max(0, end - SIGNATURE_CHARS);
      const keys = this.keysByHash.get(signatureHash(prefix, from, end));
      if (keys === undefined) continue;
      for (let i = 0; i < keys.length; i++) {
        const key = keys[i];
        const signature = this.signatureOf.get(key);
        if (signature === undefined || signature.length !== end - from || !prefix.startsWith(signature, from)) continue;
        const entry = this.entries.peek(key);
        if (!entry) continue;
        // At the position itself every suggestion fits (as in lookupCompletion's exact hit).
        const texts = back === 0 ? [...entry.texts] : fittingAt(entry.texts, prefix, end);
        if (texts === undefined) continue;
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
    this.keysByHash.clear();
    this.tails.fill(0);
  }

  private unindex(key: string): void {
    const signature = this.signatureOf.get(key);
    if (signature === undefined) return;
    this.signatureOf.delete(key);
    this.tails[tailSlot(signature, signature.length)]--;
    const hash = signatureHash(signature, 0, signature.length);
    const keys = this.keysByHash.get(hash);
    if (!keys) return;
    const at = keys.indexOf(key);
    if (at >= 0) keys.splice(at, 1);
    if (keys.length === 0) this.keysByHash.delete(hash);
  }
}
