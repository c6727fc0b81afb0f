/**
 * Asks the transport to have a connection ready while the user types (`deps.warmUp`), at most
 * once per `everyMs`: so the request at the pause finds a connection open, and a keystroke
 * costs a clock comparison.
 */
export class WarmUpPacer {
  private last = -Infinity;

  constructor(
    private readonly warmUp: (() => void) | undefined,
    private readonly everyMs: number,
  ) {}

  /** A keystroke at `now`. Never throws. */
  typed(now: number): void {
    if (!this.warmUp || now - this.last < this.everyMs) return;
    this.last = now;
    try {
      this.warmUp();
    } catch {
      // a warm-up is only a head start
    }
  }
}
