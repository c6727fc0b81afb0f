/**
 * Whether a value parsed from JSON of unknown shape is an object with fields (not null, not an array):
 * the first check of every defensive reader of server responses, error bodies and model lists.
 */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
