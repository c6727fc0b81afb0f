import * as assert from 'assert';
import { RecentRangeRing } from '../../../src/core/context/recentRanges';

describe('context/recentRanges', () => {
  it('lists the newest range first and drops the oldest beyond its capacity', () => {
    const ring = new RecentRangeRing(2);
    ring.add({ kind: 'edit', documentId: 'a', startLine: 1, endLine: 1 });
    ring.add({ kind: 'edit', documentId: 'b', startLine: 5, endLine: 6 });
    ring.add({ kind: 'view', documentId: 'c', startLine: 0, endLine: 30 });
    assert.deepStrictEqual(ring.list().map((range) => range.documentId), ['c', 'b']);
    assert.deepStrictEqual(ring.list('edit').map((range) => range.documentId), ['b']);
  });

  it('merges a range with a nearby one of the same file and kind, moving it to the front', () => {
    const ring = new RecentRangeRing(8, 3);
    ring.add({ kind: 'edit', documentId: 'a', startLine: 10, endLine: 12 });
    ring.add({ kind: 'edit', documentId: 'b', startLine: 0, endLine: 0 });
    ring.add({ kind: 'edit', documentId: 'a', startLine: 14, endLine: 14 });
    ring.add({ kind: 'view', documentId: 'a', startLine: 11, endLine: 11 });
    assert.deepStrictEqual(ring.list(), [
      { kind: 'view', documentId: 'a', startLine: 11, endLine: 11 },
      { kind: 'edit', documentId: 'a', startLine: 10, endLine: 14 },
      { kind: 'edit', documentId: 'b', startLine: 0, endLine: 0 },
    ]);
  });

  it('revision changes when the content changes, not when the same newest range is added again', () => {
    const ring = new RecentRangeRing();
    ring.add({ kind: 'edit', documentId: 'a', startLine: 3, endLine: 3 });
    const first = ring.revision;
    ring.add({ kind: 'edit', documentId: 'a', startLine: 3, endLine: 3 });
    assert.strictEqual(ring.revision, first);
    ring.add({ kind: 'edit', documentId: 'a', startLine: 4, endLine: 4 });
    assert.notStrictEqual(ring.revision, first);
  });

  it('forgets a document', () => {
    const ring = new RecentRangeRing();
    ring.add({ kind: 'edit', documentId: 'a', startLine: 3, endLine: 3 });
    ring.add({ kind: 'view', documentId: 'b', startLine: 3, endLine: 3 });
    ring.forget('a');
    assert.deepStrictEqual(ring.list().map((range) => range.documentId), ['b']);
  });
});
