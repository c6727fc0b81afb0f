/**
 * How a language writes a comment, for putting other files' snippets before the prefix as
 * comments (the format for models without repository-level tokens, as Copilot does).
 */
export type CommentSyntax = { line: string } | { block: readonly [open: string, close: string] };

const LINE_SLASHES = [
  'javascript', 'typescript', 'javascriptreact', 'typescriptreact', 'java', 'c', 'cpp', 'csharp', 'go', 'rust',
  'swift', 'kotlin', 'scala', 'dart', 'php', 'objective-c', 'objective-cpp', 'groovy', 'fsharp', 'jsonc', 'less',
  'scss', 'vue', 'svelte', 'zig', 'solidity', 'proto', 'glsl', 'hlsl',
];
const LINE_HASH = [
  'python', 'ruby', 'shellscript', 'perl', 'r', 'yaml', 'toml', 'dockerfile', 'makefile', 'powershell', 'elixir',
  'julia', 'coffeescript', 'nim', 'cmake', 'properties', 'ignore', 'graphql', 'terraform', 'nix',
];
const LINE_DASHES = ['sql', 'lua', 'haskell', 'elm', 'ada', 'purescript'];
const LINE_SEMICOLON = ['clojure', 'lisp', 'scheme', 'racket', 'ini'];
const LINE_PERCENT = ['latex', 'tex', 'erlang', 'matlab', 'bibtex'];
const BLOCK_HTML = ['html', 'xml', 'markdown', 'svg', 'xsl', 'vue-html'];
const BLOCK_C = ['css'];

const TABLE = new Map<string, CommentSyntax>();
for (const id of LINE_SLASHES) TABLE.set(id, { line: '//' });
for (const id of LINE_HASH) TABLE.set(id, { line: '#' });
for (const id of LINE_DASHES) TABLE.set(id, { line: '--' });
for (const id of LINE_SEMICOLON) TABLE.set(id, { line: ';' });
for (const id of LINE_PERCENT) TABLE.set(id, { line: '%' });
for (const id of BLOCK_HTML) TABLE.set(id, { block: ['<!--', '-->'] });
for (const id of BLOCK_C) TABLE.set(id, { block: ['/*', '*/'] });

/** The language's comment syntax, or undefined when it has none (plain text, JSON): no context then. */
export function commentSyntaxFor(languageId: string): CommentSyntax | undefined {
  return TABLE.get(languageId);
}

/**
 * `text` as a comment: every line behind the line marker, or the whole inside one block
 * comment (a closing marker inside the text is broken up so the comment cannot end early).
 * Ends with a newline.
 */
export function asComment(text: string, syntax: CommentSyntax): string {
  if ('line' in syntax) {
    return text
      .split('\n')
      .map((line) => (line === '' ? syntax.line : `${syntax.line} ${line}`))
      .join('\n') + '\n';
  }
  const [open, close] = syntax.block;
  const safe = text.split(close).join(close.slice(0, 1) + ' ' + close.slice(1));
  return `${open} ${safe} ${close}\n`;
}
