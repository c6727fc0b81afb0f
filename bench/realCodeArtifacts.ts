/**
 * What the benchmark's model answers at a cut (bench/realCodeCuts.ts): the true continuation,
 * clean or with one typical model artifact, and what a perfect post-processor shows for that
 * answer (the cut's expected text, except where the artifact took information away).
 *
 *   clean              the expected text and nothing more (the model stopped right there)
 *   suffixRepeated     then the text after the cursor, again (first lines of the suffix)
 *   extraCloser        one closer too many: the enclosing block's `}` after a block; on a line,
 *                      its last code closer doubled (or a stray `)` at its end), where the
 *                      brackets of the file show it unbalanced (not inside a string)
 *   repeatedLines      the last body line again and again until max_tokens (a loop); the block's
 *                      closing line never comes, so the body alone is what should show
 *   runOn              the file's real text on past the block (what a prefix-only model writes)
 *   indentDeeper       every line after the first one level deeper
 *   indentShallower    every line after the first one level shallower
 *   indentTabs         tabs where the file has spaces (spaces where it has tabs)
 *   indentRelative     lines indented relative to the cursor's line (as if it were at column 0)
 *   closerAfterCursor  the closers already right of the cursor written again (auto-closing
 *                      put them there: the `)` of `count(|)`, the `}` below `{⏎|`)
 *
 * An artifact that cannot occur at a cut (no closer in a Python block, no indentation to be
 * shallower than, no suffix) gives no case.
 */
import { CodeScanner, codeSyntaxOf, OPENER_OF } from '../src/core/inline/postprocess/codeScanner';
import type { Cut } from './realCodeCuts';
import type { CorpusFile } from './realCodeCorpus';

export type Artifact =
  | 'clean'
  | 'suffixRepeated'
  | 'extraCloser'
  | 'repeatedLines'
  | 'runOn'
  | 'indentDeeper'
  | 'indentShallower'
  | 'indentTabs'
  | 'indentRelative'
  | 'closerAfterCursor';

export const ARTIFACTS: readonly Artifact[] = [
  'clean',
  'suffixRepeated',
  'extraCloser',
  'repeatedLines',
  'runOn',
  'indentDeeper',
  'indentShallower',
  'indentTabs',
  'indentRelative',
  'closerAfterCursor',
];

export interface Answer {
  /** What the server streams (before it applies `stop` and `max_tokens`). */
  text: string;
  /** What a perfect post-processor shows. */
  expected: string;
}

const RUN_ON_LINES = 15;
const LOOP_REPEATS = 8;

function isBlock(cut: Cut): boolean {
  return cut.kind === 'blockEof' || cut.kind === 'blockSuffix' || cut.kind === 'blockBody';
}

/** Applies `change` to every line after the first that has text. */
function mapLaterLines(text: string, change: (line: string) => string): string {
  return text
    .split('\n')
    .map((line, index) => (index === 0 || line.trim() === '' ? line : change(line)))
    .join('\n');
}

function laterLines(text: string): string[] {
  return text.split('\n').slice(1).filter((line) => line.trim() !== '');
}

function leadingColumns(line: string, tabSize: number): number {
  let column = 0;
  for (const ch of /^[ \t]*/.exec(line)![0]) column = ch === '\t' ? (Math.floor(column / tabSize) + 1) * tabSize : column + 1;
  return column;
}

function retabbed(line: string, file: CorpusFile): string {
  const whitespace = /^[ \t]*/.exec(line)![0];
  const columns = leadingColumns(line, file.indent.tabSize);
  const unitWidth = file.unit === '\t' ? file.indent.tabSize : file.unit.length;
  const levels = Math.floor(columns / unitWidth);
  const rest = columns % unitWidth;
  const replacement = file.unit === '\t' ? ' '.repeat(columns) : '\t'.repeat(levels) + ' '.repeat(rest);
  return replacement + line.slice(whitespace.length);
}

/**
 * The text after the cursor with one code closer too many — its last code closer doubled, or a
 * `)` added when it has none — when that closer is unbalanced against the whole file before it
 * (it closes nothing, or meets another kind of opener). Undefined when there is no such closer:
 * the line ends inside a string or comment, or the added closer would close a bracket that is
 * really open (a model adding it would not be wrong by the brackets), or the line ends in a
 * comment.
 */
function withExtraCloser(cut: Cut): string | undefined {
  const syntax = codeSyntaxOf(cut.languageId);
  if (!syntax) return undefined;
  const whole = cut.prefix + cut.expected;
  const stack: string[] = [];
  let last = -1;
  let openAfterLast: string | undefined;
  const scanner = new CodeScanner(syntax);
  scanner.scan(whole, (bracket, index) => {
    if (!(bracket in OPENER_OF)) stack.push(bracket);
    else if (stack[stack.length - 1] === OPENER_OF[bracket]) stack.pop();
    if (bracket in OPENER_OF && index >= cut.prefix.length) {
      last = index;
      openAfterLast = stack[stack.length - 1];
    }
  });
  if (!scanner.inCode || scanner.inLineComment) return undefined;
  if (last >= 0) {
    if (openAfterLast === OPENER_OF[whole[last]]) return undefined;
    const at = last - cut.prefix.length;
    return cut.expected.slice(0, at + 1) + cut.expected[at] + cut.expected.slice(at + 1);
  }
  return stack[stack.length - 1] === '(' ? undefined : cut.expected + ')';
}

/** The answer with `artifact` at `cut`, or undefined when the artifact cannot occur there. */
export function answerWith(artifact: Artifact, cut: Cut, file: CorpusFile): Answer | undefined {
  const expected = cut.expected;
  const same = (text: string): Answer | undefined => (text === expected ? undefined : { text, expected });
  switch (artifact) {
    case 'clean':
      return { text: expected, expected };
    case 'suffixRepeated': {
      if (cut.suffix.trim() === '') return undefined;
      return same(expected + cut.suffix.split('\n').slice(0, 6).join('\n'));
    }
    case 'extraCloser': {
      if (cut.kind === 'midLine') {
        const text = withExtraCloser(cut);
        return text === undefined ? undefined : same(text);
      }
      if ((cut.kind === 'blockEof' || cut.kind === 'blockSuffix') && cut.closingLine !== undefined) {
        const outer = cut.cursorIndent.slice(0, Math.max(0, cut.cursorIndent.length - file.unit.length));
        return same(expected + '\n' + outer + '}');
      }
      return undefined;
    }
    case 'repeatedLines': {
      if (!isBlock(cut) || !cut.body) return undefined;
      const body = cut.kind === 'blockBody' ? expected : '\n' + cut.body.join('\n');
      const last = [...cut.body].reverse().find((line) => line.trim() !== '')!;
      const loop = ('\n' + last).repeat(LOOP_REPEATS) + '\n' + last.slice(0, Math.ceil(last.length / 2));
      return { text: body + loop, expected: body };
    }
    case 'runOn': {
      if (!isBlock(cut)) return undefined;
      const lines = cut.truthAfter.split('\n');
      const expectedLines = expected.split('\n').length;
      return same(lines.slice(0, expectedLines + RUN_ON_LINES).join('\n'));
    }
    case 'indentDeeper':
      if (!isBlock(cut)) return undefined;
      return same(mapLaterLines(expected, (line) => file.unit + line));
    case 'indentShallower': {
      if (!isBlock(cut)) return undefined;
      if (!laterLines(expected).every((line) => line.startsWith(file.unit))) return undefined;
      return same(mapLaterLines(expected, (line) => line.slice(file.unit.length)));
    }
    case 'indentTabs':
      if (!isBlock(cut)) return undefined;
      return same(mapLaterLines(expected, (line) => retabbed(line, file)));
    case 'indentRelative': {
      if (!isBlock(cut) || cut.cursorIndent === '') return undefined;
      if (!laterLines(expected).every((line) => line.startsWith(cut.cursorIndent))) return undefined;
      return same(mapLaterLines(expected, (line) => line.slice(cut.cursorIndent.length)));
    }
    case 'closerAfterCursor':
      if (cut.kind === 'autoClosed') return same(expected + cut.closers);
      if (cut.kind === 'blockBody' && cut.closingLine !== undefined) return same(expected + '\n' + cut.closingLine);
      return undefined;
  }
}
