import * as assert from 'node:assert/strict';
import { DocumentSlot } from '../../../src/core/inlineEngine/documentSlot';
import { systemClock } from '../../../src/core/inlineEngine/engineClock';

describe('DocumentSlot waits', () => {
  const slot = (): DocumentSlot => new DocumentSlot(systemClock, { unclaimedGraceMs: 10, shownGraceMs: 10 });

  it('a newer call cancels older waits, and only those still waiting', () => {
    const documentSlot = slot();
    const caller = new AbortController();
    const first = documentSlot.beginWait(caller.signal);
    const finished = documentSlot.beginWait(caller.signal);
    finished.done();
    const heard: string[] = [];
    first.cancel.addEventListener('abort', () => heard.push('first'));
    documentSlot.supersedeWaiting();
    assert.equal(first.cancel.aborted, true);
    assert.deepEqual(heard, ['first']);
    assert.equal(finished.cancel.aborted, false);
    first.done();
    documentSlot.supersedeWaiting(); // nothing waits: nothing to do
    assert.deepEqual(heard, ['first'], 'told once');
  });

  it("the caller's abort cancels the wait, also when it came before the wait", () => {
    const documentSlot = slot();
    const caller = new AbortController();
    const wait = documentSlot.beginWait(caller.signal);
    let heard = 0;
    wait.cancel.addEventListener('abort', () => heard++);
    caller.abort();
    assert.equal(wait.cancel.aborted, true);
    assert.equal(heard, 1);
    wait.done();
    const late = documentSlot.beginWait(caller.signal);
    assert.equal(late.cancel.aborted, true);
    late.done();
  });

  it('a finished wait no longer listens to its caller, nor to newer calls', () => {
    const documentSlot = slot();
    const caller = new AbortController();
    const wait = documentSlot.beginWait(caller.signal);
    wait.done();
    caller.abort();
    documentSlot.supersedeWaiting();
    assert.equal(wait.cancel.aborted, false);
  });
});
