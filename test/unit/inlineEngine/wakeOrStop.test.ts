import * as assert from 'node:assert/strict';
import { StopSource } from '../../../src/core/client/stopSignal';
import { wakeOrStop } from '../../../src/core/inlineEngine/wakeOrStop';

describe('a wait on a stream: its StopSource, and wakeOrStop', () => {
  it('tells its listener once, and stays stopped', () => {
    const cancel = new StopSource();
    let heard = 0;
    cancel.addEventListener('abort', () => heard++);
    assert.equal(cancel.aborted, false);
    cancel.abort('superseded');
    cancel.abort('superseded');
    assert.equal(cancel.aborted, true);
    assert.equal(heard, 1);
  });

  it('a listener that stopped listening hears nothing', () => {
    const cancel = new StopSource();
    const heard: string[] = [];
    const first = (): void => void heard.push('first');
    const second = (): void => void heard.push('second');
    cancel.addEventListener('abort', first);
    cancel.removeEventListener('abort', first);
    cancel.addEventListener('abort', second);
    cancel.removeEventListener('abort', first); // no longer listening: changes nothing
    cancel.abort('superseded');
    assert.deepEqual(heard, ['second']);
  });

  it('wakeOrStop: true when woken, false when stopped first, and a stopped waker leaves the set', async () => {
    const wakers = new Set<() => void>();
    const woken = wakeOrStop(new StopSource(), wakers);
    assert.equal(wakers.size, 1);
    for (const wake of [...wakers]) wake();
    wakers.clear();
    assert.equal(await woken, true);

    const cancel = new StopSource();
    const cancelled = wakeOrStop(cancel, wakers);
    cancel.abort('superseded');
    assert.equal(await cancelled, false);
    assert.equal(wakers.size, 0);
    assert.equal(await wakeOrStop(cancel, wakers), false, 'already stopped: no waiting');
    assert.equal(wakers.size, 0);
  });
});
