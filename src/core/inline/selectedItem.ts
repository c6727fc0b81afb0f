/**
 * The IntelliSense item selected in VS Code's open suggest widget, and the one rule for it:
 * the ghost text must continue the selected item.
 *
 * VS Code shows an inline suggestion while the suggest widget is open only when it replaces the
 * item's range and starts with the item's text (`InlineCompletionContext.selectedCompletionInfo`).
 * So the suggestion is asked for as if the item were already accepted: the prompt's prefix is
 * the document prefix minus the part of the item's range before the cursor, plus the item's
 * text; what the model writes follows the item, and the editor shows `item text + suggestion`
 * over the item's range. Tab then inserts the list item (VS Code's binding while the list is
 * open), after which the rest shows as ordinary ghost text at the same prompt — served from the
 * same stream or cache, no new request — and a second Tab accepts it.
 *
 * Pure; used by the engine on every keystroke (engineRequest.ts `cursorFacts`) and by the
 * request builder (inlineRequestBuilder.ts), so both always agree.
 */

/** VS Code's `SelectedCompletionInfo`, as text. */
export interface SelectedItemText {
  /** Document text of the item's replace range from its start up to the cursor. */
  rangeText: string;
  /** The item's insert text. */
  text: string;
}

export interface AppliedItem {
  /** The prefix the suggestion continues: the document prefix with the item applied. */
  effectivePrefix: string;
  /** Characters before the cursor the shown suggestion replaces (the item's range). */
  replaceLength: number;
  /** Text every suggestion shown must start with ('' without an item). */
  itemText: string;
}

/**
 * `prefix` with `item` applied; undefined when the item does not fit the text before the
 * cursor (its range text is not what the document has there), so no suggestion can extend it.
 */
export function applySelectedItem(prefix: string, item: SelectedItemText | undefined): AppliedItem | undefined {
  if (!item) return { effectivePrefix: prefix, replaceLength: 0, itemText: '' };
  if (!prefix.endsWith(item.rangeText)) return undefined;
  return {
    effectivePrefix: prefix.slice(0, prefix.length - item.rangeText.length) + item.text,
    replaceLength: item.rangeText.length,
    itemText: item.text,
  };
}
