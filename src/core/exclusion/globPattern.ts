/**
 * File globs as users write them in `.gitignore` and `files.exclude`: `*` and `?` within a path
 * segment, `**` across segments, `{a,b}` alternatives and `[abc]` classes. A pattern without a
 * slash matches a file's base name anywhere (`*.pem`, `.env*`); one with a slash matches the end
 * of the path (`.aws/credentials`, `**\/secrets/*.json`), or, starting with `/`, the whole path.
 * Matching ignores case (excluding a little more is the safe side) and treats `\` as `/`.
 */
export interface CompiledGlob {
  readonly pattern: string;
  test(path: string): boolean;
}

function escapeChar(ch: string): string {
  return /[\\^$.*+?()[\]{}|/]/.test(ch) ? `\\${ch}` : ch;
}

/** The regular-expression source of one glob (no anchors). */
function globSource(glob: string): string {
  let out = '';
  let braces = 0;
  for (let i = 0; i < glob.length; i++) {
    const ch = glob[i];
    if (ch === '*') {
      if (glob[i + 1] === '*') {
        // `**/` any folders (or none); a trailing or inner `**` anything.
        const slash = glob[i + 2] === '/';
        out += slash ? '(?:[^/]*/)*' : '.*';
        i += slash ? 2 : 1;
      } else {
        out += '[^/]*';
      }
    } else if (ch === '?') {
      out += '[^/]';
    } else if (ch === '[') {
      const close = glob.indexOf(']', i + 2);
      if (close < 0) {
        out += '\\[';
      } else {
        let body = glob.slice(i + 1, close).replace(/\\/g, '\\\\');
        if (body.startsWith('!')) body = '^' + body.slice(1);
        out += `[${body}]`;
        i = close;
      }
    } else if (ch === '{') {
      braces++;
      out += '(?:';
    } else if (ch === '}' && braces > 0) {
      braces--;
      out += ')';
    } else if (ch === ',' && braces > 0) {
      out += '|';
    } else {
      out += escapeChar(ch);
    }
  }
  return out + ')'.repeat(braces);
}

export function compileGlob(pattern: string): CompiledGlob {
  const glob = pattern.trim().replace(/\\/g, '/');
  let source: string;
  if (glob.startsWith('/')) source = `^${globSource(glob.slice(1))}$`;
  else if (glob.includes('/')) source = `(?:^|/)${globSource(glob.replace(/^\*\*\//, ''))}$`;
  else source = `(?:^|/)${globSource(glob)}$`;
  let regex: RegExp;
  try {
    regex = new RegExp(source, 'i');
  } catch {
    // A pattern that cannot compile matches nothing (the validator reports it).
    regex = /(?!)/;
  }
  return { pattern, test: (path) => regex.test(path.replace(/\\/g, '/').replace(/^\/+/, '')) };
}
