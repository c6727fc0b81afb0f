/**
 * Holds a stream's pieces back until they complete a line, for a caller that acts only on
 * complete lines (ghost text shows complete lines while an answer streams): it then hears of a
 * 90-token answer of 10 lines at about 10 moments instead of 90, and none of its code runs for
 * a piece inside a line. Given to the client in {@link RequestHooks.lines}; the client hands
 * every piece to {@link LineGrouping.take} and calls {@link LineGrouping.flush} when the
 * exchange ends, however it ends, so the caller's `onDelta` still receives all the text, in
 * order, before the outcome.
 *
 * What is held is never text the caller must act on: a piece with a '\n' goes out at once
 * (with what was held before it). The line still arriving can be read at any time with
 * {@link LineGrouping.held} (e.g. to tell whether typing ahead of the stream still matches it).
 */
import type { CompletionDelta } from './completionTypes';

/** Held text of one choice: the pieces since its last delivery, joined. */
export interface HeldText {
  text: string;
  /** How many pieces the server sent for it. */
  pieces: number;
}

const NOTHING_HELD: Readonly<HeldText> = Object.freeze({ text: '', pieces: 0 });

interface Held {
  delta: CompletionDelta;
  pieces: number;
}

export class LineGrouping {
  /** Per choice index; made at the first piece held (a request stopped before any makes none). */
  private holding: Map<number, Held> | undefined;
  private deliver: ((delta: CompletionDelta) => void) | undefined;

  /** For the client: passes `delta` on through `deliver` if it completes a line, else holds it. */
  take(delta: CompletionDelta, deliver: (delta: CompletionDelta) => void): void {
    this.deliver = deliver;
    const held = this.holding?.get(delta.index);
    if (held) {
      held.delta.text += delta.text;
      if (delta.logprobs.length > 0) held.delta.logprobs.push(...delta.logprobs);
      held.pieces += delta.pieces ?? 1;
    }
    if (!delta.text.includes('\n')) {
      if (!held) (this.holding ??= new Map()).set(delta.index, { delta: { ...delta, logprobs: [...delta.logprobs] }, pieces: delta.pieces ?? 1 });
      return;
    }
    if (!held) return deliver(delta);
    this.holding!.delete(delta.index);
    deliver({ ...held.delta, pieces: held.pieces });
  }

  /** For the client, at the end of the exchange: delivers everything held, choice by choice. */
  flush(): void {
    const deliver = this.deliver;
    if (!deliver || this.holding === undefined) return;
    const held = [...this.holding.values()];
    this.holding.clear();
    for (const { delta, pieces } of held) deliver({ ...delta, pieces });
  }

  /** The text of choice `index` received but not delivered yet (the line still arriving). */
  held(index: number): Readonly<HeldText> {
    const held = this.holding?.get(index);
    return held ? { text: held.delta.text, pieces: held.pieces } : NOTHING_HELD;
  }
}
