import * as assert from 'node:assert/strict';
import { DocumentSlot, SUPERSEDED } from '../../../src/core/inlineEngine/documentSlot';
import { systemClock } from '../../../src/core/inlineEngine/engineClock';

describe('DocumentSlot wait signals', () => {
  const slot = (): DocumentSlot => new DocumentSlot(systemClock, { unclaimedGraceMs: 10, shownGraceMs: 10 });

  it('a newer call aborts older waits with the shared reason, and only those still waiting', () => {
    const documentSlot = slot();
    const caller = new AbortController();
    const first = documentSlot.waitSignal(caller.signal);
    const finished = documentSlot.waitSignal(caller.signal);
    finished.done();
    documentSlot.supersedeWaiting();
    assert.equal(first.signal.aborted, true);
    assert.equal(first.signal.reason, SUPERSEDED);
    assert.equal(finished.signal.aborted, false);
    first.done();
    documentSlot.supersedeWaiting(); // nothing waits: nothing to do
  });

  it("the caller's abort passes the caller's own reason on, also when it came before the wait", () => {
    const documentSlot = slot();
    const caller = new AbortController();
    const wait = documentSlot.waitSignal(caller.signal);
    caller.abort();
    assert.equal(wait.signal.aborted, true);
    assert.equal(wait.signal.reason, caller.signal.reason);
    wait.done();
    const late = documentSlot.waitSignal(caller.signal);
    assert.equal(late.signal.reason, caller.signal.reason);
    late.done();
  });

  it('a finished wait no longer listens to its caller', () => {
    const documentSlot = slot();
    const caller = new AbortController();
    const wait = documentSlot.waitSignal(caller.signal);
    wait.done();
    caller.abort();
    assert.equal(wait.signal.aborted, false);
  });
});
