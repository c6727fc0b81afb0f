import * as vscode from 'vscode';
import { Snooze } from '../core/session/snooze';

/**
 * "Snooze ghost text" for this session: the core {@link Snooze} plus a timer that announces the
 * end, so the status bar can change back without anyone asking. The inline provider checks
 * {@link GhostTextSnooze.isSnoozed} before each suggestion.
 */
export class GhostTextSnooze implements vscode.Disposable {
  private readonly snooze: Snooze;
  private readonly changed = new vscode.EventEmitter<number | undefined>();
  private timer: ReturnType<typeof setTimeout> | undefined;

  /** Fires with the snooze end (ms since the epoch), or undefined when ghost text is back. */
  readonly onDidChange = this.changed.event;

  constructor(now: () => number = Date.now) {
    this.snooze = new Snooze(now);
  }

  isSnoozed(): boolean {
    return this.snooze.isSnoozed();
  }

  /** The end of the snooze, or undefined. */
  get until(): number | undefined {
    return this.snooze.until;
  }

  snoozeFor(minutes: number): number {
    const until = this.snooze.snoozeFor(minutes);
    this.arm();
    this.changed.fire(until);
    return until;
  }

  resume(): void {
    this.snooze.resume();
    this.clearTimer();
    this.changed.fire(undefined);
  }

  private arm(): void {
    this.clearTimer();
    // +50 ms so the clock has certainly passed the end when the timer fires.
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (this.snooze.isSnoozed()) this.arm();
      else this.changed.fire(undefined);
    }, Math.min(this.snooze.remainingMs() + 50, 2 ** 31 - 1));
  }

  private clearTimer(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  dispose(): void {
    this.clearTimer();
    this.changed.dispose();
  }
}
