/**
 * Whether a pasted API key can travel in an `Authorization: Bearer` header. Keys are printable
 * ASCII; anything else (a zero-width space, a non-breaking space, a BOM, a line break, a
 * "smart" dash) came along with the paste and would later fail as a confusing network error,
 * because Node refuses such characters in a header before anything is sent.
 */

export type ApiKeyProblem =
  | { kind: 'empty' }
  | { kind: 'whitespace' }
  /** A character outside printable ASCII, with its 1-based position and its code point as `U+XXXX`. */
  | { kind: 'invisible'; position: number; codePoint: string };

const NAMES: Record<string, string> = {
  'U+200B': 'zero-width space',
  'U+200C': 'zero-width non-joiner',
  'U+200D': 'zero-width joiner',
  'U+2060': 'word joiner',
  'U+FEFF': 'byte order mark',
  'U+00A0': 'non-breaking space',
  'U+00AD': 'soft hyphen',
};

/** The problem with a key as entered (before trimming), or undefined when it is usable. */
export function apiKeyProblem(value: string): ApiKeyProblem | undefined {
  const key = value.trim();
  if (key === '') return { kind: 'empty' };
  let position = 0;
  for (const char of key) {
    position++;
    const code = char.codePointAt(0) ?? 0;
    if (code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d) return { kind: 'whitespace' };
    if (code < 0x21 || code > 0x7e) {
      return { kind: 'invisible', position, codePoint: `U+${code.toString(16).toUpperCase().padStart(4, '0')}` };
    }
  }
  return undefined;
}

/** One English sentence for a problem, never containing the key itself. */
export function describeApiKeyProblem(problem: ApiKeyProblem): string {
  switch (problem.kind) {
    case 'empty':
      return 'Enter the API key, or press Escape to cancel.';
    case 'whitespace':
      return 'An API key contains no spaces or line breaks.';
    case 'invisible': {
      const name = NAMES[problem.codePoint];
      return (
        `The key has a character that cannot be part of an API key at position ${problem.position} ` +
        `(${problem.codePoint}${name ? `, ${name}` : ''}), probably copied along with it. Paste the key again without it.`
      );
    }
  }
}
