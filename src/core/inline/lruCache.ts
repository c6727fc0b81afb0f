/**
 * A bounded least-recently-used cache. A `Map` keeps insertion order, so re-inserting a key on
 * every read makes the first key the least recently used one: get, set, delete and eviction
 * are all O(1).
 */
export class LruCache<K, V> {
  private readonly entries = new Map<K, V>();
  readonly capacity: number;

  /**
   * `capacity` < 1 makes a cache that keeps nothing. `onEvict` hears of every entry pushed out
   * to make room (not of `delete`, `clear` or a replaced value), so an index kept beside the
   * cache can stay exact.
   */
  constructor(
    capacity: number,
    private readonly onEvict?: (key: K, value: V) => void,
  ) {
    this.capacity = Number.isFinite(capacity) ? Math.max(0, Math.floor(capacity)) : 0;
  }

  get size(): number {
    return this.entries.size;
  }

  /** The value, marked as most recently used; undefined when absent. */
  get(key: K): V | undefined {
    if (!this.entries.has(key)) return undefined;
    const value = this.entries.get(key) as V;
    this.entries.delete(key);
    this.entries.set(key, value);
    return value;
  }

  /** The value without changing its recency. */
  peek(key: K): V | undefined {
    return this.entries.get(key);
  }

  has(key: K): boolean {
    return this.entries.has(key);
  }

  /** Stores as most recently used; evicts the least recently used entry when over capacity. */
  set(key: K, value: V): this {
    if (this.capacity === 0) return this;
    this.entries.delete(key);
    this.entries.set(key, value);
    if (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value as K;
      const evicted = this.entries.get(oldest) as V;
      this.entries.delete(oldest);
      this.onEvict?.(oldest, evicted);
    }
    return this;
  }

  delete(key: K): boolean {
    return this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }

  /** Keys from least to most recently used. */
  keys(): K[] {
    return [...this.entries.keys()];
  }
}
