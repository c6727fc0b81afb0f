import * as assert from 'node:assert/strict';
import { moveAnchor } from '../../../src/core/selection/insertionAnchor';
import { budgetSelectionPrompt, keepHead, keepTail } from '../../../src/core/selection/selectionPrompt';
import { budgetNote } from '../../../src/core/selection/selectionTranscript';

const lines = (n: number, tag: string) => Array.from({ length: n }, (_, i) => `${tag} line ${String(i).padStart(4, '0')}`).join('\n');

describe('Complete Selection prompt budget', () => {
  it('sends the whole text before the cursor when it fits, and says nothing was cut', () => {
    const result = budgetSelectionPrompt({ before: 'short text', after: undefined }, { maxPrefixChars: 100, maxSuffixChars: 10 });
    assert.deepEqual(result, { prompt: 'short text', suffix: undefined, prefixCut: 0, suffixCut: 0 });
    assert.equal(budgetNote(result, { maxPrefixChars: 100, maxSuffixChars: 10 }), '');
  });

  it('keeps the end of the text before the cursor, from a line start, and counts what was left out', () => {
    const before = lines(500, 'b') + '\nlast = ';
    const result = budgetSelectionPrompt({ before, after: undefined }, { maxPrefixChars: 1000, maxSuffixChars: 0 });
    assert.ok(result.prompt.length <= 1000 && result.prompt.length >= 900, `${result.prompt.length}`);
    assert.ok(before.endsWith(result.prompt));
    assert.match(result.prompt, /^b line \d{4}\n/, 'starts at a line start');
    assert.equal(result.prefixCut, before.length - result.prompt.length);
  });

  it('keeps the start of the text after the cursor up to a line end', () => {
    const after = lines(300, 'a');
    const result = budgetSelectionPrompt({ before: 'x = ', after }, { maxPrefixChars: 1000, maxSuffixChars: 200 });
    assert.ok(result.suffix !== undefined && after.startsWith(result.suffix) && result.suffix.length <= 200);
    assert.ok(result.suffix.endsWith('\n'));
    assert.equal(result.suffixCut, after.length - result.suffix.length);
    assert.match(budgetNote(result, { maxPrefixChars: 1000, maxSuffixChars: 200 }), /^suffix cut: the last [\d,]+ characters .*\.maxSuffixChars = 200\)\n$/);
  });

  it('never cuts a selection', () => {
    const selection = 'y'.repeat(5000);
    const result = budgetSelectionPrompt({ selection, before: '', after: undefined }, { maxPrefixChars: 100, maxSuffixChars: 0 });
    assert.equal(result.prompt, selection);
    assert.equal(result.prefixCut, 0);
  });

  it('cuts mid-line when no line starts near the cut (one long line)', () => {
    assert.equal(keepTail('z'.repeat(50) + '\n' + 'q'.repeat(500), 100), 'q'.repeat(100));
    assert.equal(keepHead('q'.repeat(500), 100), 'q'.repeat(100));
    assert.equal(keepHead('', 0), '');
  });

  it('the note names the setting and the count', () => {
    assert.equal(
      budgetNote({ prefixCut: 12345, suffixCut: 0 }, { maxPrefixChars: 16000, maxSuffixChars: 4000 }),
      'prompt cut: the first 12,345 characters of the text before the cursor were not sent (cometComplete.completeSelection.maxPrefixChars = 16,000)\n',
    );
  });
});

describe('insertion anchor', () => {
  const change = (rangeOffset: number, rangeLength: number, textLength: number) => ({ rangeOffset, rangeLength, textLength });

  it('moves with text typed or deleted before it', () => {
    assert.equal(moveAnchor(100, [change(10, 0, 5)]), 105);
    assert.equal(moveAnchor(100, [change(10, 20, 0)]), 80);
    assert.equal(moveAnchor(100, [change(10, 3, 7)]), 104);
  });

  it('moves past text inserted at it (our own insertions, or typing right there)', () => {
    assert.equal(moveAnchor(100, [change(100, 0, 12)]), 112);
  });

  it('stays for edits after it', () => {
    assert.equal(moveAnchor(100, [change(101, 0, 5)]), 100);
    assert.equal(moveAnchor(100, [change(100, 4, 0)]), 100);
  });

  it('goes to the end of a replacement across it', () => {
    assert.equal(moveAnchor(100, [change(90, 20, 3)]), 93);
  });

  it('adds up several changes of one event, in any order', () => {
    assert.equal(moveAnchor(100, [change(50, 0, 4), change(5, 2, 0), change(200, 0, 9)]), 102);
  });
});
