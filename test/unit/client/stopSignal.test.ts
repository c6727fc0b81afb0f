import * as assert from 'node:assert/strict';
import { StopSignal, StopSource } from '../../../src/core/client/stopSignal';
import { abortableDelay } from '../../../src/core/reliability/abortableDelay';

describe('StopSource: a one-shot stop signal without an EventTarget', () => {
  it('tells each listener once, in order, with the reason readable from the first', () => {
    const source = new StopSource();
    const heard: string[] = [];
    source.addEventListener('abort', () => heard.push(`a:${String(source.reason)}`));
    source.addEventListener('abort', () => heard.push('b'), { once: true });
    assert.equal(source.aborted, false);
    assert.equal(source.reason, undefined);
    source.abort('typed past');
    source.abort('again');
    assert.deepEqual(heard, ['a:typed past', 'b']);
    assert.equal(source.aborted, true);
    assert.equal(source.reason, 'typed past', 'the first reason stays');
  });

  it('like an EventTarget: the same listener twice is heard once, a removed one not at all, one added after the stop never', () => {
    const source = new StopSource();
    let twice = 0;
    let removed = 0;
    let late = 0;
    const once = () => twice++;
    const gone = () => removed++;
    source.addEventListener('abort', once);
    source.addEventListener('abort', once);
    source.addEventListener('abort', gone);
    source.removeEventListener('abort', gone);
    source.removeEventListener('abort', () => undefined); // not there: nothing happens
    source.abort(undefined);
    source.addEventListener('abort', () => late++);
    assert.deepEqual([twice, removed, late], [1, 0, 0]);
  });

  it('a listener that throws does not keep the others from hearing, nor reach the caller', () => {
    const source = new StopSource();
    let heard = false;
    source.addEventListener('abort', () => {
      throw new Error('listener bug');
    });
    source.addEventListener('abort', () => (heard = true));
    assert.doesNotThrow(() => source.abort('x'));
    assert.equal(heard, true);
  });

  it('a real AbortSignal is a StopSignal, and both end an abortable delay at once', async () => {
    const controller = new AbortController();
    const real: StopSignal = controller.signal;
    const light = new StopSource();
    const delays = [abortableDelay(60_000, real), abortableDelay(60_000, light)];
    controller.abort();
    light.abort('stop');
    assert.deepEqual(await Promise.all(delays), [false, false]);
    assert.equal(await abortableDelay(60_000, light), false, 'already stopped: no wait');
  });
});
