import * as assert from 'assert';
import fc from 'fast-check';
import {
  cutPrefixWindow,
  cutSuffixWindow,
  DEFAULT_PROMPT_WINDOW_BUDGET,
  promptWindowAt,
  promptWindowOf,
} from '../../../src/core/inline/promptWindow';

const lineCount = (text: string): number => text.split('\n').length;

describe('promptWindow', () => {
  describe('cutPrefixWindow', () => {
    it('keeps a prefix within budget untouched', () => {
      assert.strictEqual(cutPrefixWindow('a\nb\nc', 100), 'a\nb\nc');
    });

    it('cuts by characters at the next line start', () => {
      // last 9 chars are "ne2\nline3" → the partial "ne2" goes
      assert.strictEqual(cutPrefixWindow('line1\nline2\nline3', 9), 'line3');
      assert.strictEqual(cutPrefixWindow('line1\nline2\nline3', 12), 'line2\nline3');
    });

    it('keeps the raw character cut when the window holds one long line', () => {
      assert.strictEqual(cutPrefixWindow('abcdefghij', 4), 'ghij');
      assert.strictEqual(cutPrefixWindow('x\nabcdefghij', 4), 'ghij');
    });

    it('keeps the raw cut when the only newline ends the window (cursor at line start)', () => {
      assert.strictEqual(cutPrefixWindow('abcdef\n', 4), 'def\n');
    });

    it('never starts with half a surrogate pair', () => {
      const text = 'ab😀cd'; // 😀 is two UTF-16 units
      assert.strictEqual(cutPrefixWindow(text, 3), 'cd');
      assert.strictEqual(cutPrefixWindow(text, 4), '😀cd');
    });

    it('applies the line budget (the cursor line counts)', () => {
      assert.strictEqual(cutPrefixWindow('a\nb\nc\nd', 100, 2), 'c\nd');
      assert.strictEqual(cutPrefixWindow('a\nb\n', 100, 1), '');
      assert.strictEqual(cutPrefixWindow('a\nb', 100, 5), 'a\nb');
      assert.strictEqual(cutPrefixWindow('a\nb', 100, 0), '');
      // a leading newline is a line boundary too, not a place to loop on
      assert.strictEqual(cutPrefixWindow('\nf {\n  ', 100, 2), 'f {\n  ');
      assert.strictEqual(cutPrefixWindow('\nf {\n  ', 100, 3), '\nf {\n  ');
      assert.strictEqual(cutPrefixWindow('\nf {\n  ', 100, 9), '\nf {\n  ');
    });

    it('treats a zero or invalid character budget as zero', () => {
      assert.strictEqual(cutPrefixWindow('abc', 0), '');
      assert.strictEqual(cutPrefixWindow('abc', Number.NaN), '');
    });
  });

  describe('cutSuffixWindow', () => {
    it('cuts by characters at the previous line end', () => {
      assert.strictEqual(cutSuffixWindow(')\nline2\nline3', 9), ')\nline2');
    });

    it('keeps the raw cut for one long line', () => {
      assert.strictEqual(cutSuffixWindow('abcdefgh', 3), 'abc');
      assert.strictEqual(cutSuffixWindow('\nabcdefgh', 3), '\nab');
    });

    it('never ends with half a surrogate pair', () => {
      assert.strictEqual(cutSuffixWindow('ab😀cd', 3), 'ab');
    });

    it('applies the line budget (the rest of the cursor line counts)', () => {
      assert.strictEqual(cutSuffixWindow(')\n}\n\nfoo()', 100, 2), ')\n}');
      assert.strictEqual(cutSuffixWindow(')\n}', 100, 1), ')');
      assert.strictEqual(cutSuffixWindow(')\n}', 100, 0), '');
      assert.strictEqual(cutSuffixWindow('abc', 0), '');
    });
  });

  describe('promptWindowAt / promptWindowOf', () => {
    it('splits the document at the offset and reports cuts', () => {
      const text = 'import x\n\nfunction f() {\n  return 1;\n}\n';
      const offset = text.indexOf('return');
      const window = promptWindowAt(text, offset, {
        maxPrefixChars: 20,
        maxPrefixLines: 50,
        maxSuffixChars: 100,
        maxSuffixLines: 1,
      });
      assert.deepStrictEqual(window, {
        prefix: '\nfunction f() {\n  ', // the partial "x" line goes, the blank line stays
        suffix: 'return 1;',
        prefixCut: true,
        suffixCut: true,
      });
    });

    it('clamps the offset to the document', () => {
      assert.deepStrictEqual(promptWindowAt('abc', 99), { prefix: 'abc', suffix: '', prefixCut: false, suffixCut: false });
      assert.deepStrictEqual(promptWindowAt('abc', -5), { prefix: '', suffix: 'abc', prefixCut: false, suffixCut: false });
    });

    it('uses the default budget when none is given', () => {
      const long = 'x\n'.repeat(5000);
      const window = promptWindowOf(long, long);
      assert.ok(window.prefix.length <= DEFAULT_PROMPT_WINDOW_BUDGET.maxPrefixChars);
      assert.ok(lineCount(window.suffix) <= DEFAULT_PROMPT_WINDOW_BUDGET.maxSuffixLines);
    });

    it('property: windows are the text nearest the cursor, within every budget', () => {
      const textArb = fc.array(fc.constantFrom('a', 'b', ' ', '\n', '😀', '\t'), { maxLength: 200 }).map((parts) => parts.join(''));
      fc.assert(
        fc.property(
          textArb,
          textArb,
          fc.nat(150),
          fc.integer({ min: 1, max: 30 }),
          fc.nat(150),
          fc.integer({ min: 1, max: 30 }),
          (prefix, suffix, maxPrefixChars, maxPrefixLines, maxSuffixChars, maxSuffixLines) => {
            const w = promptWindowOf(prefix, suffix, { maxPrefixChars, maxPrefixLines, maxSuffixChars, maxSuffixLines });
            assert.ok(prefix.endsWith(w.prefix));
            assert.ok(suffix.startsWith(w.suffix));
            assert.ok(w.prefix.length <= maxPrefixChars);
            assert.ok(w.suffix.length <= maxSuffixChars);
            assert.ok(lineCount(w.prefix) <= maxPrefixLines);
            // the line budget keeps as many lines as it may
            const charCut = cutPrefixWindow(prefix, maxPrefixChars);
            assert.strictEqual(lineCount(w.prefix), Math.min(lineCount(charCut), maxPrefixLines));
            assert.ok(lineCount(w.suffix) <= maxSuffixLines);
            assert.strictEqual(w.prefixCut, w.prefix.length < prefix.length);
            assert.strictEqual(w.suffixCut, w.suffix.length < suffix.length);
            if (w.prefix.length > 0) assert.ok(!/^[\udc00-\udfff]/.test(w.prefix));
            if (w.suffix.length > 0) assert.ok(!/[\ud800-\udbff]$/.test(w.suffix));
          },
        ),
      );
    });
  });
});
