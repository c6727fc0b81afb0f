/**
 * Where Complete Selection's next streamed text goes while the user keeps editing: an offset
 * that moves with every change of the document. Our own insertions, made at the anchor, push
 * it forward like any text typed there; edits before it shift it; edits after it leave it; an
 * edit across it (the user replaced text around it) puts it at the end of the new text.
 */
export interface TextChange {
  /** Offset of the replaced range in the document before the change. */
  rangeOffset: number;
  rangeLength: number;
  /** Length of the inserted text. */
  textLength: number;
}

/** The anchor after one change event (its changes are relative to the document before it, and do not overlap). */
export function moveAnchor(anchor: number, changes: readonly TextChange[]): number {
  let shift = 0;
  for (const change of [...changes].sort((a, b) => a.rangeOffset - b.rangeOffset)) {
    const end = change.rangeOffset + change.rangeLength;
    if (end <= anchor) shift += change.textLength - change.rangeLength;
    else if (change.rangeOffset < anchor) return change.rangeOffset + shift + change.textLength;
    else break;
  }
  return anchor + shift;
}
