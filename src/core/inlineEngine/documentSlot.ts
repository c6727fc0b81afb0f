/**
 * Who owns a document's ghost-text stream, and how long it may live.
 *
 * At most one request per document is in flight: starting one aborts the one before. VS Code
 * cancels a provider call on every keystroke, so a call's cancellation must not end the
 * stream (the next call may reuse it); instead the calls *attach* while they wait on or read
 * from the stream, and when the last one leaves a grace timer starts: short when nothing of
 * the stream was shown yet (its caller was cancelled and nobody picked it up), longer when its
 * text is showing (it may still grow the suggestion). A call that attaches stops the timer;
 * when it fires, the stream is aborted. A call that cannot use the stream releases it at once.
 * A newer call for the document supersedes older calls still waiting on the stream.
 */
import type { EngineClock, TimerHandle } from './engineClock';
import type { LiveCompletion } from './liveCompletion';
import { StopSource } from '../client/stopSignal';

/** A call's wait on the stream; see {@link DocumentSlot.beginWait}. */
export interface StreamWait {
  /** Stops when the caller gives up or a newer call supersedes it. */
  cancel: StopSource;
  done: () => void;
}

export interface GracePeriods {
  unclaimedGraceMs: number;
  shownGraceMs: number;
}

export class DocumentSlot {
  /** Sequence number of the newest call for this document. */
  latestCall = 0;
  private current: LiveCompletion | undefined;
  private attached = 0;
  private readonly waiting = new Set<StopSource>();
  private timer: TimerHandle | undefined;

  constructor(
    private readonly clock: EngineClock,
    private readonly grace: GracePeriods,
  ) {}

  /** The document's stream: streaming, or ended with text still worth serving. */
  get live(): LiveCompletion | undefined {
    return this.current;
  }

  get attachedCalls(): number {
    return this.attached;
  }

  /**
   * The wait of a call on the stream: cancelled when the caller gives up, or when a newer call
   * for the document arrives (it answers for the newer position instead). Call `done` when the
   * wait is over.
   */
  beginWait(caller: AbortSignal): StreamWait {
    const cancel = new StopSource();
    const onAbort = (): void => cancel.abort('caller gave up');
    if (caller.aborted) cancel.abort('caller gave up');
    else caller.addEventListener('abort', onAbort, { once: true });
    this.waiting.add(cancel);
    return {
      cancel,
      done: () => {
        caller.removeEventListener('abort', onAbort);
        this.waiting.delete(cancel);
      },
    };
  }

  /** A newer call arrived: older calls still waiting are superseded. */
  supersedeWaiting(): void {
    if (this.waiting.size === 0) return;
    const superseded = [...this.waiting];
    this.waiting.clear();
    for (const cancel of superseded) cancel.abort('superseded');
  }

  /** Makes `stream` the document's stream, aborting the previous one if it still runs. */
  replace(stream: LiveCompletion): void {
    this.release('replaced by a newer request');
    this.current = stream;
  }

  attach(stream: LiveCompletion): void {
    if (stream !== this.current) return;
    this.attached++;
    this.clearTimer();
  }

  detach(stream: LiveCompletion): void {
    if (stream !== this.current) return;
    this.attached = Math.max(0, this.attached - 1);
    if (this.attached > 0 || !stream.streaming) return;
    this.clearTimer();
    const ms = stream.hasServed ? this.grace.shownGraceMs : this.grace.unclaimedGraceMs;
    this.timer = this.clock.setTimer(() => {
      this.timer = undefined;
      if (this.current === stream && this.attached === 0) {
        this.release(stream.hasServed ? 'no call while its text was showing' : 'no call picked it up');
      }
    }, ms);
  }

  /** Forgets the stream, aborting it if it still runs. */
  release(reason: string): void {
    const stream = this.current;
    this.current = undefined;
    this.attached = 0;
    this.clearTimer();
    stream?.stop('aborted', reason);
  }

  /** The stream ended by itself: keep it (its text still serves type-through) unless it has none. */
  ended(stream: LiveCompletion): void {
    if (stream !== this.current) return;
    this.clearTimer();
    if (stream.end === 'failed' || stream.end === 'aborted') {
      this.current = undefined;
      this.attached = 0;
    }
  }

  private clearTimer(): void {
    if (this.timer === undefined) return;
    this.clock.clearTimer(this.timer);
    this.timer = undefined;
  }
}
