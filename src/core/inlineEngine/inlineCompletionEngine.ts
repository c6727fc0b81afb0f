/**
 * The ghost-text engine: turns "the cursor is here" into suggestions, spending as few
 * requests and tokens as it can. Per call, first match wins:
 *
 *  0. The position where the user dismissed a suggestion ({@link dismissed}, Escape) shows
 *     nothing until the cursor moves on or the user asks explicitly.
 *  1. The document's stream (one per document, see documentSlot.ts) serves the call when the
 *     call's position only typed text the stream has produced or still may produce (typing
 *     through, or backspacing to it): no request. It waits for the first complete line if
 *     needed. A stream that cannot serve the position is aborted.
 *  2. The LRU cache (exact position, or typed through an earlier one): no request.
 *  3. Adaptive debounce (automatic triggers only; a newer call cancels the wait), lengthened
 *     while a request would likely be outrun by the next key (pauseForecast.ts), then one
 *     request, streamed. The call resolves as soon as the first line is in; the stream goes
 *     on and the engine reports growth ({@link onDidGrow}) so the adapter can re-ask
 *     (`refresh`) and show more lines. The stream stops itself once it has enough.
 *
 * Explicit triggers skip the debounce and the cache and ask for `inline.candidates` choices;
 * they resolve once every choice the server is sending has its first line, and reuse only an
 * explicit request still streaming at the same position.
 * Never throws: a failure shows nothing.
 */
import { AdaptiveDebouncer } from '../inline/adaptiveDebounce';
import { CacheKeyParts, completionCacheKey } from '../inline/completionCacheKey';
import { INLINE_DEFAULTS } from '../inline/inlineDefaults';
import type { InlineRequestPlan } from '../inline/inlineRequestBuilder';
import type { CometSettings } from '../settings/cometSettings';
import { DocumentSlot, StreamWait } from './documentSlot';
import { EngineClock, sleepOn, systemClock } from './engineClock';
import { ENGINE_DEFAULTS, EngineDefaults } from './engineDefaults';
import { cursorFacts, planInlineRequest, RequestFingerprints } from './engineRequest';
import type { CompleteFn, InlineContext, InlineEngineDeps, InlineResult, SuggestionSource } from './inlineEngineTypes';
import { fromLf, toLf } from './lineEndings';
import { LiveCompletion } from './liveCompletion';
import { PauseForecast } from './pauseForecast';
import { SectionTimer } from './sectionTimer';
import { SuggestionCache } from './suggestionCache';
import { typedSince } from './typedSince';

export type { InlineContext, InlineResult } from './inlineEngineTypes';

const NOTHING: InlineResult = Object.freeze({ items: [] }) as InlineResult;

/** What a call got from a stream: texts, nothing (the stream cannot serve it), or cancelled. */
type Served = { texts: string[] } | 'nothing' | 'cancelled';

/**
 * A call's cursor position for the cache. Its key (over a thousand characters) is built only
 * when something needs it: most keystrokes are superseded while they wait, and never do.
 */
interface CallPosition {
  parts: CacheKeyParts;
  key: string | undefined;
}

function keyOf(position: CallPosition): string {
  return (position.key ??= completionCacheKey(position.parts));
}

export interface Disposable {
  dispose(): void;
}

export class InlineCompletionEngine {
  private readonly clock: EngineClock;
  private readonly options: EngineDefaults;
  private readonly slots = new Map<string, DocumentSlot>();
  private readonly cache = new SuggestionCache(INLINE_DEFAULTS.cacheSize);
  private readonly debouncer = new AdaptiveDebouncer();
  private readonly forecast: PauseForecast;
  private readonly timer: SectionTimer;
  private readonly fingerprints = new RequestFingerprints();
  private readonly growthListeners = new Set<(documentId: string) => void>();
  /** Per document: its latest call's position, and the key of the position where the user dismissed a suggestion. */
  private readonly positions = new Map<string, { latest: CallPosition; dismissedKey: string | undefined }>();
  private nextRequestId = 1;
  private nextCallId = 1;
  private disposed = false;

  constructor(private readonly deps: InlineEngineDeps) {
    this.clock = deps.clock ?? systemClock;
    this.options = { ...ENGINE_DEFAULTS, ...deps.options };
    this.forecast = new PauseForecast({ likelihood: this.options.pauseLikelihood });
    this.timer = new SectionTimer(deps.profiler);
  }

  /**
   * How much text around the cursor a context should carry: the prompt budget, and enough
   * before it to recognise typing through a long suggestion or a cached position.
   */
  windowChars(settings: CometSettings = this.deps.settings()): { before: number; after: number } {
    return {
      before: Math.max(
        settings.inline.maxPrefixChars + 1,
        this.options.anchorChars + this.options.liveTypedMaxChars + 1,
        INLINE_DEFAULTS.cacheKeyPrefixChars + INLINE_DEFAULTS.cacheTypeThroughMaxChars + 1,
      ),
      after: Math.max(settings.inline.maxSuffixChars, INLINE_DEFAULTS.postprocessSuffixChars, INLINE_DEFAULTS.cacheKeySuffixChars) + 1,
    };
  }

  /** Fires with a document id when a suggestion already shown there has more to show. */
  onDidGrow(listener: (documentId: string) => void): Disposable {
    this.growthListeners.add(listener);
    return { dispose: () => this.growthListeners.delete(listener) };
  }

  /** Suggestions for the cursor in `context`. `signal`: this call is no longer wanted (the stream may live on). */
  async suggest(context: InlineContext, signal: AbortSignal): Promise<InlineResult> {
    try {
      return await this.run(context, signal);
    } catch {
      return NOTHING;
    }
  }

  /**
   * The user dismissed the suggestion showing in the document (Escape): its stream is aborted
   * at once, waiting calls and a pending debounce give up, and that position (cache key) serves
   * nothing (no stream, no cache, no refresh) until a call comes for another position or the
   * user asks explicitly. Typing on later shows ghost text again as usual.
   */
  dismissed(documentId: string): void {
    const slot = this.slots.get(documentId);
    if (slot) {
      slot.latestCall++;
      slot.supersedeWaiting();
      slot.release('dismissed by the user');
    }
    const record = this.positions.get(documentId);
    if (record) record.dismissedKey = keyOf(record.latest);
  }

  /**
   * Remembers `position` as the document's latest; whether the user dismissed what showed there.
   * The key is only built while a dismissal stands (usually it does not).
   */
  private dismissedHere(context: InlineContext, position: CallPosition): boolean {
    const record = this.positions.get(context.documentId);
    if (!record) {
      this.positions.set(context.documentId, { latest: position, dismissedKey: undefined });
      return false;
    }
    if (record.dismissedKey !== undefined) {
      if (!context.explicit && keyOf(position) === record.dismissedKey) return true;
      record.dismissedKey = undefined;
    }
    record.latest = position;
    return false;
  }

  /** The document was closed: abort its stream. */
  documentClosed(documentId: string): void {
    this.positions.delete(documentId);
    this.slots.get(documentId)?.release('document closed');
    this.slots.delete(documentId);
  }

  dispose(): void {
    this.disposed = true;
    for (const slot of this.slots.values()) slot.release('engine disposed');
    this.slots.clear();
    this.positions.clear();
    this.growthListeners.clear();
    this.cache.clear();
  }

  private async run(given: InlineContext, signal: AbortSignal): Promise<InlineResult> {
    if (this.disposed || signal.aborted) return NOTHING;
    // A refresh comes through VS Code's explicit trigger, but is no request for new candidates.
    const original = given.refresh && given.explicit ? { ...given, explicit: false } : given;
    const callId = this.nextCallId++;
    let started = this.timer.start();
    const slot = this.slot(original.documentId);
    const call = ++slot.latestCall;
    slot.supersedeWaiting();
    if (!original.explicit && !original.refresh) {
      const now = this.clock.now();
      this.debouncer.keystroke(now);
      this.forecast.keystroke(now);
    }
    const settings = this.deps.settings();
    const context = normalize(original);
    // The request itself is only built when one is sent; this is what every keystroke needs.
    const facts = cursorFacts(context);
    if (!facts) {
      slot.release('cursor moved to a position without ghost text');
      this.timer.end(started, 'call', { callId });
      return NOTHING;
    }
    const fingerprint = this.fingerprints.of(settings, context);
    const parts: CacheKeyParts = {
      documentId: original.documentId,
      prefix: facts.effectivePrefix,
      suffix: context.suffix,
      fingerprint,
    };
    const position: CallPosition = { parts, key: undefined };
    if (this.dismissedHere(original, position)) {
      this.timer.end(started, 'call', { callId });
      return NOTHING;
    }
    const present = (texts: string[], source: SuggestionSource, requestId: number, typedChars: number): InlineResult => ({
      items: texts.map((text) => fromLf(facts.itemText + text, original.eol)),
      source,
      requestId,
      typedChars,
    });

    // 1. The document's stream.
    const live = slot.live;
    if (live) {
      const typed = this.typedThrough(live, facts.effectivePrefix, fingerprint, context);
      if (typed !== undefined) {
        this.timer.end(started, 'call', { callId });
        const served = await this.serve(slot, live, typed, position, original, signal, { callId });
        if (served === 'cancelled') return NOTHING;
        if (served !== 'nothing') return present(served.texts, 'stream', live.id, typed.length);
        if (original.refresh && live.streaming) return NOTHING;
        started = this.timer.start();
      }
      if (slot.live === live) slot.release('the user typed something else');
    }

    // 2. The cache.
    if (!original.explicit) {
      const hit = this.cache.lookup(parts);
      if (hit) {
        // Typed through a cached suggestion: remember this position too, so typing on (or
        // coming back here) keeps finding it however far the user types.
        if (hit.typedChars > 0) this.cache.set(keyOf(position), hit, facts.effectivePrefix);
        this.timer.end(started, 'call', { callId });
        return present(hit.texts, 'cache', hit.requestId, hit.typedChars);
      }
    }
    if (original.refresh) {
      this.timer.end(started, 'call', { callId });
      return NOTHING;
    }

    // 3. Debounce; 4. request.
    const base = settings.inline.debounceMs;
    const debounce = this.debouncer.delayMs(original.explicit, base);
    // Waiting longer than a pause-length gap would be pointless: such a gap is a pause by definition.
    const delay = original.explicit || base <= 0 ? debounce : this.forecast.delay(debounce, INLINE_DEFAULTS.debouncePauseGapMs);
    this.timer.end(started, 'call', { callId });
    if (!(await sleepOn(this.clock, delay, signal)) || slot.latestCall !== call || this.disposed) return NOTHING;
    started = this.timer.start();
    const plan = planInlineRequest(settings, context);
    if (plan.kind === 'skip') {
      this.timer.end(started, 'call', { callId });
      return NOTHING;
    }
    const stream = this.startRequest(slot, plan, fingerprint, keyOf(position), context, original);
    this.timer.end(started, 'call', { callId, requestId: stream.id });
    const served = await this.serve(slot, stream, '', position, original, signal, { callId, requestId: stream.id });
    return typeof served === 'object' ? present(served.texts, 'request', stream.id, 0) : NOTHING;
  }

  /** What the call's position typed after the stream's own position, if the stream may serve it. */
  private typedThrough(live: LiveCompletion, effectivePrefix: string, fingerprint: string, context: InlineContext): string | undefined {
    if (live.fingerprint !== fingerprint) return undefined;
    if (context.suffix.slice(0, INLINE_DEFAULTS.cacheKeySuffixChars) !== live.suffixHead) return undefined;
    const typed = typedSince(live.plan.effectivePrefix, effectivePrefix, this.options.liveTypedMaxChars, this.options.anchorChars);
    if (typed === undefined) return undefined;
    // An explicit trigger wants fresh candidates: only an explicit request still coming in will do.
    if (context.explicit && !(live.explicit && live.streaming && typed === '')) return undefined;
    return typed;
  }

  /** Waits (attached) until the stream can show something after `typed`, or never will. */
  private async serve(
    slot: DocumentSlot,
    stream: LiveCompletion,
    typed: string,
    position: CallPosition,
    context: InlineContext,
    signal: AbortSignal,
    ids: { callId: number; requestId?: number },
  ): Promise<Served> {
    slot.attach(stream);
    // Made when the call first has to wait: a call served at once (typing through) needs none.
    let wait: StreamWait | undefined;
    try {
      for (;;) {
        const started = this.timer.start();
        const view = stream.view(typed);
        // Explicit: every candidate that is coming (cycling needs them together); automatic: the first line.
        if (view.texts.length > 0 && (!view.pendingWithText || !context.explicit)) {
          if (!stream.hasServed && typed === '') this.forecast.firstLineAfter(this.clock.now() - stream.sentAt);
          const key = keyOf(position);
          const prefixEnd = position.parts.prefix.slice(-64);
          stream.noteServed(key, typed, view.texts, prefixEnd);
          // An ended stream cached its positions when it ended; later ones go straight in.
          if (!stream.streaming) this.cache.set(key, { texts: view.texts, requestId: stream.id, typedChars: typed.length }, prefixEnd);
          this.timer.end(started, 'call', ids);
          return { texts: view.texts };
        }
        if (!view.pending || context.refresh) {
          this.timer.end(started, 'call', ids);
          return 'nothing';
        }
        wait ??= slot.waitSignal(signal);
        this.timer.end(started, 'call', ids);
        if (!(await stream.changed(wait.signal))) return 'cancelled';
      }
    } finally {
      wait?.done();
      slot.detach(stream);
    }
  }

  private startRequest(
    slot: DocumentSlot,
    plan: InlineRequestPlan,
    fingerprint: string,
    key: string,
    context: InlineContext,
    original: InlineContext,
  ): LiveCompletion {
    const id = this.nextRequestId++;
    const stream = new LiveCompletion(
      id,
      plan,
      fingerprint,
      key,
      context.suffix.slice(0, INLINE_DEFAULTS.cacheKeySuffixChars),
      original.explicit,
      this.options.servedKeysPerStream,
    );
    slot.replace(stream);
    stream.sentAt = this.clock.now();
    stream.onLine = () => this.reportGrowth(slot, stream, original.documentId);
    stream.onEnd = () => this.streamEnded(slot, stream, original.documentId);
    this.deps.observer?.requestStarted?.({ requestId: id, documentId: original.documentId, body: plan.body, mode: plan.mode });
    stream.start(this.completeFor(id));
    return stream;
  }

  /**
   * `deps.complete`, timed when profiling: the engine's handling of each piece, and apart from
   * it the time inside the HTTP client (sending; closing the connection on abort).
   */
  private completeFor(requestId: number): CompleteFn {
    const timer = this.timer;
    if (!timer.enabled) return this.deps.complete;
    // The wrapping below exists only when profiling, so it is timed with the client's own work.
    return (body, signal, onDelta) =>
      timer.transport(() => {
        const transport = new AbortController();
        // Passes the stream's own reason on: no second DOMException (with its stack trace) per abort.
        signal.addEventListener('abort', () => timer.transport(() => transport.abort(signal.reason), { requestId }), { once: true });
        return this.deps.complete(body, transport.signal, (delta) => {
          const started = timer.start();
          onDelta(delta);
          timer.end(started, 'delta', { requestId });
        });
      }, { requestId });
  }

  private streamEnded(slot: DocumentSlot, stream: LiveCompletion, documentId: string): void {
    const started = this.timer.start();
    slot.ended(stream);
    if (stream.end === 'aborted' && !stream.hasServed) this.forecast.outrunAfter(this.clock.now() - stream.sentAt);
    if (stream.end !== 'failed') {
      for (const [key, { typed, prefixEnd }] of stream.servedKeys) {
        const texts = stream.view(typed).texts;
        if (texts.length > 0) this.cache.set(key, { texts, requestId: stream.id, typedChars: typed.length }, prefixEnd);
      }
    }
    this.deps.observer?.requestEnded?.({ requestId: stream.id, end: stream.end ?? 'failed', reason: stream.endReason });
    if (stream.end === 'finished' || stream.end === 'stoppedEarly') this.reportGrowth(slot, stream, documentId);
    this.timer.end(started, 'end', { requestId: stream.id });
  }

  /** Tells the listeners when the text of a stream that is showing (and nobody waits on) grew. */
  private reportGrowth(slot: DocumentSlot, stream: LiveCompletion, documentId: string): void {
    if (slot.live !== stream || slot.attachedCalls > 0 || this.growthListeners.size === 0) return;
    if (!stream.grewSinceServed()) return;
    for (const listener of [...this.growthListeners]) {
      try {
        listener(documentId);
      } catch {
        // a listener's failure is its own
      }
    }
  }

  private slot(documentId: string): DocumentSlot {
    let slot = this.slots.get(documentId);
    if (!slot) {
      slot = new DocumentSlot(this.clock, this.options);
      this.slots.set(documentId, slot);
    }
    return slot;
  }

}

/** The context with `\n` line endings throughout. */
function normalize(context: InlineContext): InlineContext {
  if (context.eol !== '\r\n') return context;
  return {
    ...context,
    prefix: toLf(context.prefix, '\r\n'),
    suffix: toLf(context.suffix, '\r\n'),
    ...(context.selectedItem
      ? { selectedItem: { rangeText: toLf(context.selectedItem.rangeText, '\r\n'), text: toLf(context.selectedItem.text, '\r\n') } }
      : {}),
  };
}
