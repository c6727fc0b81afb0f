/** Small defensive readers for JSON of unknown shape, shared by the model list parsers. */

import { isRecord } from '../json/isRecord';

/** A trimmed non-empty string (numbers are accepted and converted), else undefined. */
export function text(value: unknown, maxChars = 200): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string') return undefined;
  const trimmed = value.replace(/\s+/g, ' ').trim();
  if (!trimmed) return undefined;
  return trimmed.length > maxChars ? trimmed.slice(0, maxChars - 1) + '…' : trimmed;
}

/** A finite number (numeric strings such as "0.5" accepted), else undefined. */
export function finiteNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string' && /^\s*-?\d+(\.\d+)?([eE][-+]?\d+)?\s*$/.test(value)) {
    const n = Number(value);
    return Number.isFinite(n) ? n : undefined;
  }
  return undefined;
}

/**
 * A list of lower-cased strings from an array of strings, a comma-separated string, a JSON
 * string, or an object (its keys, plus any `path` inside its values).
 */
export function stringList(value: unknown, depth = 0): string[] {
  if (value === undefined || value === null || depth > 3) return [];
  if (typeof value === 'string') {
    const trimmed = value.trim();
    if (/^[[{]/.test(trimmed)) {
      try {
        return stringList(JSON.parse(trimmed), depth + 1);
      } catch {
        // not JSON: fall through to the comma-separated reading
      }
    }
    return trimmed
      .split(',')
      .map((part) => part.trim().toLowerCase())
      .filter(Boolean);
  }
  if (Array.isArray(value)) {
    const out: string[] = [];
    for (const item of value) {
      if (typeof item === 'string') out.push(...stringList(item, depth + 1));
      else if (isRecord(item)) {
        const named = text(item.path) ?? text(item.name) ?? text(item.key) ?? text(item.type);
        if (named) out.push(named.toLowerCase());
      }
    }
    return [...new Set(out)];
  }
  if (isRecord(value)) {
    const out: string[] = [];
    for (const [key, entry] of Object.entries(value)) {
      out.push(key.toLowerCase());
      const inner = typeof entry === 'string' ? stringList(entry, depth + 1) : isRecord(entry) && text(entry.path) ? [text(entry.path)!.toLowerCase()] : [];
      out.push(...inner.filter((item) => item.startsWith('/')));
    }
    return [...new Set(out)];
  }
  return [];
}

/** The array of entries in `{data:[…]}`, `{models:[…]}`, `{items:[…]}`, `{data:{items|list|models:[…]}}` or a bare array. */
export function entriesOf(json: unknown): unknown[] | undefined {
  if (Array.isArray(json)) return json;
  if (!isRecord(json)) return undefined;
  for (const key of ['data', 'models', 'items', 'list', 'result']) {
    const value = json[key];
    if (Array.isArray(value)) return value;
    if (isRecord(value)) {
      const inner = entriesOf(value);
      if (inner) return inner;
    }
  }
  return undefined;
}
