import * as assert from 'node:assert/strict';
import { applySelectedItem } from '../../../src/core/inline/selectedItem';
import { cursorFacts } from '../../../src/core/inlineEngine/engineRequest';
import { buildInlineRequest } from '../../../src/core/inline/inlineRequestBuilder';

const BASE = { languageId: 'typescript', model: 'gpt-3.5-turbo-instruct', fimSetting: 'auto' as const, useSuffixParam: false, userStops: [], explicit: false, candidates: 1 };

describe('selected IntelliSense item: the ghost text continues it', () => {
  it('applies the item over its range before the cursor', () => {
    assert.deepEqual(applySelectedItem('  con', { rangeText: 'con', text: 'console' }), {
      effectivePrefix: '  console',
      replaceLength: 3,
      itemText: 'console',
    });
  });

  it('an item equal to the typed word (the list offers what was typed: "return") changes nothing but still leads', () => {
    assert.deepEqual(applySelectedItem('\treturn', { rangeText: 'return', text: 'return' }), {
      effectivePrefix: '\treturn',
      replaceLength: 6,
      itemText: 'return',
    });
  });

  it('without an item the prefix is the document prefix', () => {
    assert.deepEqual(applySelectedItem('x = ', undefined), { effectivePrefix: 'x = ', replaceLength: 0, itemText: '' });
  });

  it('an item whose range text is not what precedes the cursor cannot be continued', () => {
    assert.equal(applySelectedItem('  cons', { rangeText: 'xyz', text: 'console' }), undefined);
  });

  it('the engine (per keystroke) and the request builder agree on the prefix the model continues', () => {
    const cases = [
      { prefix: 'function f() {\n  con', item: { rangeText: 'con', text: 'console' } },
      { prefix: 'a.', item: { rangeText: '', text: 'length' } },
      { prefix: '  ret', item: undefined },
    ];
    for (const { prefix, item } of cases) {
      const facts = cursorFacts({ documentId: 'd', languageId: 'typescript', prefix, suffix: '\n}', explicit: false, selectedItem: item });
      const plan = buildInlineRequest({ ...BASE, prefix, suffix: '\n}', selectedCompletionInfo: item });
      assert.ok(facts && plan.kind === 'request', JSON.stringify(prefix));
      assert.equal(facts.effectivePrefix, plan.effectivePrefix);
      assert.equal(plan.body.prompt, plan.effectivePrefix, 'prefix-only prompt: the model continues after the item');
      assert.equal(facts.itemText, item?.text ?? '');
      assert.deepEqual(plan.selectedItem, item ? { replaceLength: item.rangeText.length, text: item.text } : undefined);
    }
  });

  it('both say no for an item that does not fit', () => {
    const item = { rangeText: 'nope', text: 'console' };
    assert.equal(cursorFacts({ documentId: 'd', languageId: 'typescript', prefix: '  con', suffix: '', explicit: false, selectedItem: item }), undefined);
    assert.deepEqual(buildInlineRequest({ ...BASE, prefix: '  con', suffix: '', selectedCompletionInfo: item }), { kind: 'skip', reason: 'selectedItemMismatch' });
  });
});
