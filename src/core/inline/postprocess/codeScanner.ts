/**
 * Finds the brackets that are code — not inside a string, a comment or (JavaScript) a regular
 * expression literal — in text read piece by piece, for the languages whose syntax it knows.
 * A lexer's shortcut, not a parser: enough to balance brackets, which is all it is used for
 * (dropUnmatchedClosers.ts). A one-line string (`'…'`, `"…"`) ends at the end of its line,
 * so a quote it misreads cannot spoil more than that line. A template literal's `${…}` is code
 * (templates nest).
 */

/** What the scanner needs to know of a language. */
export interface CodeSyntax {
  /** `//` and `/* … *\/` comments. */
  slashComments: boolean;
  /** `#` comments. */
  hashComments: boolean;
  /** Characters that open (and close) a string. */
  quotes: string;
  /** Python's `'''` / `"""` strings. */
  tripleQuotes: boolean;
  /** JavaScript's `/regex/` literals. */
  regexLiterals: boolean;
}

const JS: CodeSyntax = { slashComments: true, hashComments: false, quotes: `'"\``, tripleQuotes: false, regexLiterals: true };
const C_LIKE: CodeSyntax = { slashComments: true, hashComments: false, quotes: `'"`, tripleQuotes: false, regexLiterals: false };

/** Languages whose brackets the scanner can balance (not Rust: its `'a` lifetimes read as quotes). */
const SYNTAX: Readonly<Record<string, CodeSyntax>> = Object.freeze({
  typescript: JS,
  typescriptreact: JS,
  javascript: JS,
  javascriptreact: JS,
  python: { slashComments: false, hashComments: true, quotes: `'"`, tripleQuotes: true, regexLiterals: false },
  go: { ...C_LIKE, quotes: `'"\`` },
  java: C_LIKE,
  c: C_LIKE,
  cpp: C_LIKE,
  csharp: C_LIKE,
  kotlin: C_LIKE,
  swift: C_LIKE,
  scala: C_LIKE,
  dart: C_LIKE,
  php: { ...C_LIKE, hashComments: true },
  json: { ...C_LIKE, quotes: '"' },
  jsonc: { ...C_LIKE, quotes: '"' },
});

export function codeSyntaxOf(languageId: string): CodeSyntax | undefined {
  return Object.prototype.hasOwnProperty.call(SYNTAX, languageId) ? SYNTAX[languageId] : undefined;
}

/** Whether `text` holds a character that brackets, strings, comments or escapes start with. */
export function mayMatter(text: string): boolean {
  return SPECIAL.test(text);
}

const SPECIAL = /[()[\]{}'"`/#\\*]/;

/** ASCII characters that are nothing but code to the scanner (1): not whitespace, quotes, comment starts, escapes or brackets. */
const PLAIN = new Uint8Array(128).map((_, code) => (code > 32 && !' \t\n\r#/\'"`\\()[]{}'.includes(String.fromCharCode(code)) ? 1 : 0));

export const OPENER_OF: Readonly<Record<string, string>> = Object.freeze({ ')': '(', ']': '[', '}': '{' });

/** After these a `/` starts a regular expression, not a division. */
const BEFORE_REGEX = '(,=:[!&|?{};+-*%<>~^';

type Mode = 'code' | 'lineComment' | 'blockComment' | 'string' | 'regex';

export class CodeScanner {
  private mode: Mode = 'code';
  private quote = '';
  private inClass = false;
  /** The last code character that was not whitespace ('' at the start). */
  private last = '';
  /** For each `${` of a template literal the code is in, the braces opened since. */
  private readonly templates: number[] = [];
  /** A backslash ended the last text read: the next character is escaped. */
  private escaped = false;

  constructor(private readonly syntax: CodeSyntax) {}

  /** Whether the text read so far ends in code (not inside a comment, string or regex literal that goes on). */
  get inCode(): boolean {
    return (this.mode === 'code' && this.templates.length === 0) || this.mode === 'lineComment';
  }

  /**
   * Reads a text with none of the characters that change the scanner's state or are brackets
   * (see {@link mayMatter}): only the last code character can change.
   */
  skipPlain(text: string): void {
    if (this.mode !== 'code' || this.escaped) {
      this.scan(text, () => undefined);
      return;
    }
    const trimmed = text.trimEnd();
    if (trimmed !== '') this.last = trimmed[trimmed.length - 1];
  }

  /**
   * Reads one line break: what `scan('\n', …)` does, without the loop (a streamed line's
   * balancing reads one between every two lines).
   */
  newline(): void {
    if (this.escaped) {
      this.escaped = false;
      return;
    }
    if (this.mode === 'lineComment' || this.mode === 'regex') this.mode = 'code';
    else if (this.mode === 'string' && this.quote.length === 1 && this.quote !== '`') this.mode = 'code';
  }

  /** Whether the scanner is in plain code: brackets in a text without quotes, comments or escapes are all code. */
  get inPlainCode(): boolean {
    return this.mode === 'code' && this.templates.length === 0 && !this.escaped;
  }

  /** Whether the text read so far ends inside a line comment. */
  get inLineComment(): boolean {
    return this.mode === 'lineComment';
  }

  /** A scanner that goes on from where this one is. */
  clone(): CodeScanner {
    const copy = new CodeScanner(this.syntax);
    copy.mode = this.mode;
    copy.quote = this.quote;
    copy.inClass = this.inClass;
    copy.last = this.last;
    copy.templates.push(...this.templates);
    copy.escaped = this.escaped;
    return copy;
  }

  /** Index of the character after the backslash at `i` (remembered when it is in the next text). */
  private skip(i: number, text: string): number {
    if (i + 1 >= text.length) this.escaped = true;
    return i + 1;
  }

  /** Reads `text` from `from`, calling `onBracket` with each code bracket and its index. */
  scan(text: string, onBracket: (bracket: string, index: number) => void, from = 0): void {
    const { syntax } = this;
    let i = from;
    if (this.escaped && i < text.length) {
      this.escaped = false;
      i++;
    }
    for (; i < text.length; i++) {
      if (this.mode === 'code') {
        // A run of plain code and whitespace: only its last plain character is remembered.
        let lastPlain = -1;
        for (; i < text.length; i++) {
          const code = text.charCodeAt(i);
          if (code < 128 && PLAIN[code] === 1) lastPlain = i;
          else if (code !== 32 && code !== 9 && code !== 10 && code !== 13) break;
        }
        if (lastPlain >= 0) this.last = text[lastPlain];
        if (i >= text.length) break;
      }
      const ch = text[i];
      switch (this.mode) {
        case 'lineComment':
          if (ch === '\n') this.mode = 'code';
          continue;
        case 'blockComment':
          if (ch === '*' && text[i + 1] === '/') {
            this.mode = 'code';
            i++;
          }
          continue;
        case 'string':
          if (ch === '\\') i = this.skip(i, text);
          else if (this.quote === '`' && ch === '$' && text[i + 1] === '{') {
            // `${`: code until its `}`, then the template goes on.
            this.templates.push(0);
            this.mode = 'code';
            this.last = '{';
            i++;
          }
          else if (ch === '\n' && this.quote.length === 1 && this.quote !== '`') this.mode = 'code';
          else if (ch === this.quote[0] && text.startsWith(this.quote, i)) {
            i += this.quote.length - 1;
            this.mode = 'code';
            this.last = ch;
          }
          continue;
        case 'regex':
          if (ch === '\\') i = this.skip(i, text);
          else if (ch === '\n') this.mode = 'code';
          else if (ch === '[') this.inClass = true;
          else if (ch === ']') this.inClass = false;
          else if (ch === '/' && !this.inClass) {
            this.mode = 'code';
            this.last = ch;
          }
          continue;
        case 'code':
          break;
      }
      const code = text.charCodeAt(i);
      if (code < 128 && PLAIN[code] === 1) {
        this.last = ch;
        continue;
      }
      if (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r') continue;
      if (ch === '#' && syntax.hashComments) {
        this.mode = 'lineComment';
      } else if (ch === '/' && syntax.slashComments && (text[i + 1] === '/' || text[i + 1] === '*')) {
        this.mode = text[i + 1] === '/' ? 'lineComment' : 'blockComment';
        i++;
      } else if (ch === '/' && syntax.regexLiterals && (this.last === '' || BEFORE_REGEX.includes(this.last))) {
        this.mode = 'regex';
        this.inClass = false;
      } else if (syntax.quotes.includes(ch)) {
        const triple = syntax.tripleQuotes && text.startsWith(ch + ch + ch, i);
        this.quote = triple ? ch + ch + ch : ch;
        this.mode = 'string';
        if (triple) i += 2;
      } else if (ch === '\\') {
        i = this.skip(i, text);
      } else if (this.templates.length > 0 && (ch === '{' || ch === '}')) {
        const depth = this.templates.length - 1;
        if (ch === '{') this.templates[depth]++;
        else if (this.templates[depth] > 0) this.templates[depth]--;
        else {
          this.templates.pop();
          this.mode = 'string';
          this.quote = '`';
          continue;
        }
        onBracket(ch, i);
        this.last = ch;
      } else {
        if (ch === '(' || ch === '[' || ch === '{' || ch === ')' || ch === ']' || ch === '}') onBracket(ch, i);
        this.last = ch;
      }
    }
  }
}
