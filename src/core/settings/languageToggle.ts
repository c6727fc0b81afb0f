/**
 * Turning ghost text on or off for one language in the `cometComplete.inline.languages` map
 * (`{"*": true, "markdown": false}`): `*` covers languages not listed.
 */

/** Whether the map turns a language on (regardless of `inline.enabled`). */
export function isLanguageEnabled(languages: Record<string, boolean>, languageId: string): boolean {
  if (Object.prototype.hasOwnProperty.call(languages, languageId)) return languages[languageId] !== false;
  return languages['*'] ?? true;
}

/**
 * A new map with the language on or off. An entry that would only repeat `*` is removed
 * instead, so the map stays short; the input is not changed.
 */
export function withLanguageEnabled(languages: Record<string, boolean>, languageId: string, enabled: boolean): Record<string, boolean> {
  const next: Record<string, boolean> = { ...languages };
  if (languageId === '*') {
    next['*'] = enabled;
    return next;
  }
  const fallback = languages['*'] ?? true;
  if (enabled === fallback) delete next[languageId];
  else next[languageId] = enabled;
  return next;
}
