/**
 * Times the engine's synchronous sections for an {@link EngineProfiler}, counting each moment
 * once: a section nested in another (a stream ending inside the piece that ended it), the
 * time spent inside the HTTP client (opening or closing a request) and in the caller's observer
 * are left out of the enclosing section; the client's time is reported as `send`. Without a
 * profiler it does nothing.
 */
import type { EngineProfiler } from './inlineEngineTypes';

export interface SectionMark {
  at: number;
  excluded: number;
}

type Ids = { callId?: number; requestId?: number };

export class SectionTimer {
  private excluded = 0;

  constructor(private readonly profiler: EngineProfiler | undefined) {}

  get enabled(): boolean {
    return this.profiler !== undefined;
  }

  start(): SectionMark | undefined {
    return this.profiler ? { at: this.profiler.now(), excluded: this.excluded } : undefined;
  }

  end(mark: SectionMark | undefined, phase: 'call' | 'delta' | 'end', ids: Ids): void {
    if (!this.profiler || !mark) return;
    const ms = this.profiler.now() - mark.at - (this.excluded - mark.excluded);
    this.excluded += ms;
    this.profiler.record(phase, ms, ids);
  }

  /**
   * Runs `work` that is not the engine's (the caller's observer, which only tests and the
   * benchmark set): its time is left out of the enclosing section and reported nowhere.
   */
  outside(work: () => void): void {
    if (!this.profiler) return work();
    const at = this.profiler.now();
    try {
      work();
    } finally {
      this.excluded += this.profiler.now() - at;
    }
  }

  /** Runs `work` (inside the HTTP client) and reports its time as `send`. */
  transport<T>(work: () => T, ids: Ids): T {
    if (!this.profiler) return work();
    const at = this.profiler.now();
    try {
      return work();
    } finally {
      const ms = this.profiler.now() - at;
      this.excluded += ms;
      this.profiler.record('send', ms, ids);
    }
  }
}
