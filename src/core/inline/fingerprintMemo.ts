/**
 * {@link stableFingerprint}, remembered for the last few values. Every ghost-text request
 * fingerprints its settings, which hardly ever change (a few sets at most: one per language of
 * the open editors), and writing them out as sorted JSON and hashing that costs tens of
 * microseconds on a cold keystroke. Instead the value is flattened into the list of what
 * stableStringify reads (its keys and primitive leaves, with markers for structure) and
 * compared with the remembered lists; only a new one pays for a fingerprint.
 *
 * Equal lists mean equal stableStringify text, so a hit never gives a wrong fingerprint; a
 * value the flattening does not handle (deep nesting) is fingerprinted every time.
 */
import { stableFingerprint } from './completionCacheKey';

/** Structure markers: no primitive leaf is `===` to them. */
const ARRAY = Symbol('array');
const RECORD = Symbol('record');
const MAX_DEPTH = 8;

interface Remembered {
  leaves: unknown[];
  fingerprint: string;
}

export class FingerprintMemo {
  /** Most recently used first. */
  private readonly remembered: Remembered[] = [];

  /** `capacity`: how many values to remember (at least 1). */
  constructor(private readonly capacity = 8) {}

  of(value: unknown): string {
    const leaves: unknown[] = [];
    if (!flatten(value, leaves, 0)) return stableFingerprint(value);
    const index = this.remembered.findIndex((entry) => sameLeaves(leaves, entry.leaves));
    if (index >= 0) {
      const entry = this.remembered[index];
      if (index > 0) {
        this.remembered.splice(index, 1);
        this.remembered.unshift(entry);
      }
      return entry.fingerprint;
    }
    const fingerprint = stableFingerprint(value);
    this.remembered.unshift({ leaves, fingerprint });
    if (this.remembered.length > Math.max(1, this.capacity)) this.remembered.pop();
    return fingerprint;
  }
}

/** Appends what stableStringify reads of `value` to `leaves`; false when too deep to bother. */
function flatten(value: unknown, leaves: unknown[], depth: number): boolean {
  if (value === null || typeof value !== 'object') {
    leaves.push(value);
    return true;
  }
  if (depth >= MAX_DEPTH) return false;
  if (Array.isArray(value)) {
    leaves.push(ARRAY, value.length);
    for (const item of value) if (!flatten(item, leaves, depth + 1)) return false;
    return true;
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  leaves.push(RECORD, keys.length);
  for (const key of keys) {
    leaves.push(key);
    if (!flatten(record[key], leaves, depth + 1)) return false;
  }
  return true;
}

function sameLeaves(a: readonly unknown[], b: readonly unknown[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
