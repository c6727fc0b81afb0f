/**
 * One ghost-text request while it streams, and what it can show at any moment.
 *
 * Text arrives per choice (`n` > 1 on explicit triggers). What can be shown is the
 * post-processed text of the *complete* lines so far (the line still arriving may change), or
 * of the whole text once the stream has ended or has had enough. Post-processing always runs
 * in the context of the position the request was made at; a later cursor position that typed
 * part of it gets the rest ({@link LiveCompletion.view}).
 *
 * The request stops itself (and that is a success, `stoppedEarly`) the moment every choice
 * has had enough: a stop sequence appeared, `maxLines` lines started, or the block ended or
 * started to loop. Whoever owns it may abort it (`aborted`): then only its complete lines count.
 *
 * Each choice's text goes through a {@link StreamingPostprocessor}, which judges each line once
 * as it completes; when the choice is complete its last line is judged the same way, and the
 * whole pipeline runs (once) only for a choice that had enough at a stop, a loop or past
 * `maxLines` lines. Since only complete lines count while streaming, the client delivers the text by lines
 * (client/lineGrouping.ts): a piece inside a line costs the engine nothing, and the line still
 * arriving is read from the grouping where it matters (whether typing ahead still matches).
 */
import type { CompletionDelta, TokenLogprob } from '../client/completionTypes';
import { LineGrouping } from '../client/lineGrouping';
import { showableText } from '../client/finishReasons';
import { mayHaveStoppedAtBlockExit } from '../inline/blockExitStop';
import type { InlineRequestPlan } from '../inline/inlineRequestBuilder';
import { lowConfidenceFilter, PreparedPostprocessing, StreamingPostprocessor } from '../inline/postprocess';
import { trimRules } from '../inline/postprocess/trimWhitespace';
import type { CompleteFn, StreamEnd } from './inlineEngineTypes';
import { newStreamedChoice, receivedText, StreamedChoice } from './streamedChoice';
import { StreamStop } from './streamStop';
import { StopSignal, StopSource } from '../client/stopSignal';
import { wakeOrStop } from './wakeOrStop';

export interface LiveView {
  /** Distinct texts to show now after `typed`, one per choice that has one, choice order. */
  texts: string[];
  /** Some choice without a text yet may still produce one for `typed`. */
  pending: boolean;
  /** Such a choice has already received text (a server that sends fewer choices than asked never does). */
  pendingWithText: boolean;
}

export class LiveCompletion {
  /** Undefined while streaming. */
  end: StreamEnd | undefined;
  endReason: string | undefined;
  /**
   * Told when a line completed or a choice had enough (what can be shown only changes then; a
   * piece inside a line tells no one); not at the end.
   */
  onLine: (() => void) | undefined;
  /** Told once when the stream ends, however it ends. */
  onEnd: (() => void) | undefined;
  /** When the request was sent (engine clock). */
  sentAt = 0;
  /**
   * Cache keys of the positions this stream served, with the text typed there since the
   * origin and the end of the prefix there (origin first).
   */
  readonly servedKeys = new Map<string, { typed: string; prefixEnd: string }>();
  private lastServed: { typed: string; texts: string[] } | undefined;
  private readonly choices: StreamedChoice[] = [];
  /** Stops the request (stopSignal.ts: no EventTarget per request). */
  private readonly stopper = new StopSource();
  /** The client holds the pieces of a line until it completes. */
  private readonly lines = new LineGrouping();
  /** Worked out when the first piece arrives (see {@link StreamedChoice.stream}). */
  private prepared: PreparedPostprocessing | undefined;
  private readonly confidence: ((text: string, tokens: readonly TokenLogprob[]) => string) | undefined;
  /** Whether trimWhitespace drops the suggestion's leading spaces (the cursor follows one); read when first needed. */
  private dropsLeadingSpace: boolean | undefined;
  private readonly wakers = new Set<() => void>();

  constructor(
    readonly id: number,
    readonly plan: InlineRequestPlan,
    /** The request settings' fingerprint (see engineRequest.ts): reuse needs the same. */
    readonly fingerprint: string,
    /** Cache key of the position the request was made at. */
    readonly originKey: string,
    /** Start of the text after the cursor at that position (a later position must have the same). */
    readonly suffixHead: string,
    readonly explicit: boolean,
    private readonly maxServedKeys: number,
  ) {
    const n = Math.max(1, Math.floor(plan.body.n) || 1);
    for (let i = 0; i < n; i++) this.choices.push(newStreamedChoice());
    this.confidence = plan.lowConfidenceThreshold === null ? undefined : lowConfidenceFilter(plan.lowConfidenceThreshold);
    this.servedKeys.set(originKey, { typed: '', prefixEnd: plan.effectivePrefix.slice(-64) });
  }

  get streaming(): boolean {
    return this.end === undefined;
  }

  get hasServed(): boolean {
    return this.lastServed !== undefined;
  }

  /** Sends the request. `complete` never rejects; if it does anyway, the stream failed. */
  start(complete: CompleteFn): void {
    let outcome: ReturnType<CompleteFn>;
    try {
      outcome = complete(this.plan.body, this.stopper, (delta) => this.onDelta(delta), this.lines);
    } catch {
      this.finish('failed', 'the request could not be sent');
      return;
    }
    outcome.then(
      (result) => {
        if (this.end !== undefined) return; // we stopped it; the client's "aborted" is ours
        if (!result) return this.finish('failed', 'not sent');
        if (!result.ok) return this.finish('failed', `${result.error.kind}: ${result.error.message}`);
        // A server that does not stream (or a caller that gave no deltas) delivers it all here.
        for (const choice of result.result.choices) {
          const mine = this.choices[choice.index];
          if (!mine) continue;
          mine.finishReason = choice.finishReason;
          const received = receivedText(mine);
          if (!mine.enough && choice.text.length > received.length && choice.text.startsWith(received)) {
            this.streamOf(mine).append(choice.text.slice(received.length));
            mine.logprobs = [...choice.logprobs];
          }
          // Stopped at the enclosing block's closing line: the server left that line out (blockExitStop.ts).
          const exit = this.plan.blockExitStop;
          if (exit !== undefined && !mine.enough && mayHaveStoppedAtBlockExit(exit, receivedText(mine), choice.finishReason, choice.stopReason)) {
            mine.enough = this.streamOf(mine).append(exit);
          }
        }
        this.finish('finished');
      },
      () => this.finish('failed', 'the request failed unexpectedly'),
    );
  }

  /**
   * Ends the request now: `stoppedEarly` keeps all that arrived, `aborted` only complete lines.
   * The request's signal aborts with a {@link StreamStop} saying which, and what had arrived.
   */
  stop(end: 'stoppedEarly' | 'aborted', reason: string): void {
    if (this.end !== undefined) return;
    this.finish(end, reason);
    // The reason says what arrived (streamStop.ts): the request is logged and counted as what it
    // was. A plain object, no Error: an abort per keystroke costs no stack trace.
    const received = this.choices.map((choice, index) => {
      const held = this.lines.held(index);
      return { index, text: receivedText(choice) + held.text, pieces: choice.pieces + held.pieces, chars: choice.chars + held.text.length };
    });
    this.stopper.abort(new StreamStop(end, reason, received));
  }

  /** What to show at a position that typed `typed` after the request's own position. */
  view(typed: string): LiveView {
    const texts: string[] = [];
    let pending = false;
    let pendingWithText = false;
    for (let index = 0; index < this.choices.length; index++) {
      const choice = this.choices[index];
      const shown = this.shownText(choice);
      if (shown.length > typed.length && shown.startsWith(typed)) {
        const rest = shown.slice(typed.length);
        if (!texts.includes(rest)) texts.push(rest);
      } else if (this.end === undefined && !choice.enough) {
        // With the line still arriving, which the client holds until it completes.
        const received = receivedText(choice) + this.lines.held(index).text;
        if (this.couldStillMatch(received, typed)) {
          pending = true;
          if (received !== '') pendingWithText = true;
        }
      }
    }
    return { texts, pending, pendingWithText };
  }

  /** Resolves true at the next line or the end (at once when ended), false when `cancel` comes first. */
  changed(cancel: StopSignal): Promise<boolean> {
    if (cancel.aborted) return Promise.resolve(false);
    if (this.end !== undefined) return Promise.resolve(true);
    return wakeOrStop(cancel, this.wakers);
  }

  /** Records that `texts` were shown at the position with cache key `key`, `typed` after the origin. */
  noteServed(key: string, typed: string, texts: string[], prefixEnd: string): void {
    if (!this.servedKeys.has(key) && this.servedKeys.size < this.maxServedKeys) this.servedKeys.set(key, { typed, prefixEnd });
    this.lastServed = { typed, texts };
  }

  /** The texts for the last served position are now different (usually: more lines). */
  grewSinceServed(): boolean {
    if (!this.lastServed) return false;
    const now = this.view(this.lastServed.typed).texts;
    const before = this.lastServed.texts;
    return now.length > 0 && (now.length !== before.length || now.some((text, i) => text !== before[i]));
  }

  private onDelta(delta: CompletionDelta): void {
    if (this.end !== undefined) return;
    const choice = this.choices[delta.index];
    if (!choice || delta.text === '') return;
    choice.pieces += delta.pieces ?? 1;
    choice.chars += delta.text.length;
    if (choice.enough) return;
    if (delta.logprobs.length > 0) choice.logprobs.push(...delta.logprobs);
    const newLine = delta.text.includes('\n');
    if (this.streamOf(choice).append(delta.text)) {
      choice.enough = true;
      if (this.choices.every((c) => c.enough)) {
        this.stop('stoppedEarly', 'enough received');
        return;
      }
    }
    if (newLine || choice.enough) this.lineCompleted();
  }

  /** Post-processed text of what is settled in this choice (memoised). */
  private shownText(choice: StreamedChoice): string {
    if (this.end === 'failed') return '';
    // Cut off by max_tokens: never show the unfinished line; stopped by a content filter: nothing.
    const showable = choice.enough ? 'all' : showableText(choice.finishReason);
    if (showable === 'nothing') return '';
    const stream = choice.stream;
    if (stream === undefined) return ''; // nothing arrived
    if (choice.enough || this.end === 'finished' || this.end === 'stoppedEarly') {
      // Complete: the pipeline's result over everything received (its complete lines after a
      // `length` stop), once — from the lines judged while streaming where they decide it.
      choice.final ??= this.confident(stream.finish(showable !== 'all'), choice);
      return choice.final;
    }
    // Still arriving (or aborted): the complete lines, as the streaming post-processor has them.
    const lines = stream.completeLines;
    if (lines !== choice.memoLines) {
      choice.memo = this.confident(stream.shown(), choice);
      choice.memoLines = lines;
    }
    return choice.memo;
  }

  /** The choice's streaming post-processor, made (with the request's prepared post-processing) on first use. */
  private streamOf(choice: StreamedChoice): StreamingPostprocessor {
    choice.stream ??= new StreamingPostprocessor(this.preparation());
    return choice.stream;
  }

  /** The request's post-processing, worked out once, when first needed. */
  private preparation(): PreparedPostprocessing {
    this.prepared ??= new PreparedPostprocessing(this.plan.postprocess);
    return this.prepared;
  }

  private confident(shown: string, choice: StreamedChoice): string {
    return shown !== '' && this.confidence ? this.confidence(shown, choice.logprobs) : shown;
  }

  /** Whether the text still arriving may yet show something after `typed`. */
  private couldStillMatch(raw: string, typed: string): boolean {
    if (typed === '') return true;
    // trimWhitespace drops the suggestion's leading spaces when the cursor already follows one.
    this.dropsLeadingSpace ??= trimRules(this.plan.postprocess).afterSpace;
    const text = this.dropsLeadingSpace ? raw.replace(/^[ \t]+/, '') : raw;
    if (text === '') return false;
    return text.length >= typed.length ? text.startsWith(typed) : typed.startsWith(text);
  }

  private finish(end: StreamEnd, reason?: string): void {
    if (this.end !== undefined) return;
    this.end = end;
    this.endReason = reason;
    this.wake();
    try {
      this.onEnd?.();
    } catch {
      // a listener's failure must not break the stream's bookkeeping
    }
  }

  private lineCompleted(): void {
    // A caller who typed ahead of the stream hears at the end of the line, too.
    this.wake();
    try {
      this.onLine?.();
    } catch {
      // as above
    }
  }

  private wake(): void {
    if (this.wakers.size === 0) return;
    const wakers = [...this.wakers];
    this.wakers.clear();
    for (const wake of wakers) wake();
  }
}
