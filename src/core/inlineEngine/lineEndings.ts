/**
 * The core works on `\n` only. A CRLF document's text is converted on the way in, and the
 * suggestions on the way out, so the inserted text uses the document's own line ending.
 */
export type EndOfLine = '\n' | '\r\n';

export function toLf(text: string, eol: EndOfLine | undefined): string {
  return eol === '\r\n' && text.includes('\r') ? text.replace(/\r\n/g, '\n') : text;
}

export function fromLf(text: string, eol: EndOfLine | undefined): string {
  return eol === '\r\n' && text.includes('\n') ? text.replace(/\r?\n/g, '\r\n') : text;
}
