import * as assert from 'node:assert/strict';
import { WaitCancel } from '../../../src/core/inlineEngine/waitCancel';

describe('WaitCancel', () => {
  it('tells its listener once, and stays cancelled', () => {
    const cancel = new WaitCancel();
    let heard = 0;
    cancel.listen(() => heard++);
    assert.equal(cancel.isCancelled, false);
    cancel.cancel();
    cancel.cancel();
    assert.equal(cancel.isCancelled, true);
    assert.equal(heard, 1);
  });

  it('a listener that stopped listening, or was replaced, hears nothing', () => {
    const cancel = new WaitCancel();
    const heard: string[] = [];
    const first = (): void => void heard.push('first');
    const second = (): void => void heard.push('second');
    cancel.listen(first);
    cancel.unlisten(first);
    cancel.listen(second);
    cancel.unlisten(first); // no longer the listener: changes nothing
    cancel.cancel();
    assert.deepEqual(heard, ['second']);
  });

  it('race: true when woken, false when cancelled first, and a cancelled waker leaves the set', async () => {
    const wakers = new Set<() => void>();
    const woken = new WaitCancel().race(wakers);
    assert.equal(wakers.size, 1);
    for (const wake of [...wakers]) wake();
    wakers.clear();
    assert.equal(await woken, true);

    const cancel = new WaitCancel();
    const cancelled = cancel.race(wakers);
    cancel.cancel();
    assert.equal(await cancelled, false);
    assert.equal(wakers.size, 0);
    assert.equal(await cancel.race(wakers), false, 'already cancelled: no waiting');
    assert.equal(wakers.size, 0);
  });
});
