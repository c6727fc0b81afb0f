/**
 * Identifiers in code text, for similarity ranking (sets of them) and for choosing which
 * symbols before the cursor to look definitions up for. Language-agnostic: words of letters,
 * digits, `_` and `$` that do not start with a digit, minus the keywords of common languages.
 */

const IDENTIFIER = /(?<![A-Za-z0-9_$])[A-Za-z_$][A-Za-z0-9_$]*/g;

/** Keywords (and very common builtins) of JS/TS, Python, Go, Java, C-likes: they say nothing about which file helps. */
const KEYWORDS: ReadonlySet<string> = new Set(
  (
    'abstract and as assert async await break case catch class const continue def default defer del delete do elif ' +
    'else enum except export extends false finally for from func function go if implements import in instanceof ' +
    'interface is lambda let map new nil none not null or package pass private protected public raise range readonly ' +
    'return self static struct super switch this throw true try type typeof undefined var void while with yield ' +
    'None True False string number boolean any unknown never int float bool str byte error chan select fallthrough goto'
  ).split(' '),
);

export function isKeyword(word: string): boolean {
  return KEYWORDS.has(word);
}

/** The identifiers of `text` in order, keywords and one-letter names left out. */
export function identifiersIn(text: string): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(IDENTIFIER)) {
    const word = match[0];
    if (word.length > 1 && !KEYWORDS.has(word)) found.push(word);
  }
  return found;
}

/** The set of {@link identifiersIn}. */
export function identifierSet(text: string): Set<string> {
  return new Set(identifiersIn(text));
}

export interface IdentifierAt {
  name: string;
  /** Offset of its first character in the text searched. */
  offset: number;
}

/**
 * The identifiers worth a definition look-up before the cursor, nearest first: those on the
 * last `maxLines` lines of `prefix` (the callee, the receiver, the identifier being typed),
 * each name once, at its nearest occurrence; at most `max`. A keyword counts when it is used
 * as a name: after a `.` (`gen.if(`) or called (`type(value)`).
 */
export function identifiersBeforeCursor(prefix: string, maxLines = 3, max = 8): IdentifierAt[] {
  let start = prefix.length;
  for (let seen = 0; seen < maxLines && start > 0; seen++) {
    start = prefix.lastIndexOf('\n', start - 1);
    if (start < 0) {
      start = 0;
      break;
    }
  }
  const tail = prefix.slice(start);
  const all: IdentifierAt[] = [];
  for (const match of tail.matchAll(IDENTIFIER)) {
    const name = match[0];
    const at = match.index ?? 0;
    const usedAsName = tail.charAt(at - 1) === '.' || tail.charAt(at + name.length) === '(';
    if (name.length > 1 && (usedAsName || !KEYWORDS.has(name))) all.push({ name, offset: start + at });
  }
  const seen = new Set<string>();
  const nearestFirst: IdentifierAt[] = [];
  for (let i = all.length - 1; i >= 0 && nearestFirst.length < max; i--) {
    if (seen.has(all[i].name)) continue;
    seen.add(all[i].name);
    nearestFirst.push(all[i]);
  }
  return nearestFirst;
}
