/**
 * The last `window` gaps between keystrokes of one kind (see typingPoint.ts), kept both in
 * arrival order (the oldest is overwritten first) and sorted (the pause forecast counts the gaps
 * at least so long on every keystroke, by binary search). Pure.
 */
export class GapWindow {
  private readonly gaps: number[] = [];
  private readonly sorted: number[] = [];
  private next = 0;
  /** Gaps added in all (the window keeps only the last `window`). */
  seen = 0;

  constructor(private readonly window: number) {}

  get size(): number {
    return this.gaps.length;
  }

  add(gap: number): void {
    if (this.gaps.length < this.window) this.gaps.push(gap);
    else {
      this.sorted.splice(firstAtLeast(this.sorted, this.gaps[this.next]), 1);
      this.gaps[this.next] = gap;
    }
    this.sorted.splice(firstAtLeast(this.sorted, gap), 0, gap);
    this.next = (this.next + 1) % this.window;
    this.seen++;
  }

  /** How many of the kept gaps are ≥ `bound`. */
  atLeast(bound: number): number {
    return this.sorted.length - firstAtLeast(this.sorted, bound);
  }
}

/** Index of the first value ≥ `bound` in ascending `sorted` (its length when none). */
function firstAtLeast(sorted: readonly number[], bound: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle] < bound) low = middle + 1;
    else high = middle;
  }
  return low;
}
