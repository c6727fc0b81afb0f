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
import type { CacheKeyParts } from '../inline/completionCacheKey';
import { INLINE_DEFAULTS } from '../inline/inlineDefaults';
import type { InlineRequestPlan } from '../inline/inlineRequestBuilder';
import type { CometSettings } from '../settings/cometSettings';
import { CallPosition, DismissedPositions, keyOf } from './callPosition';
import { DocumentSlot } from './documentSlot';
import { EngineClock, sleepOn, systemClock } from './engineClock';
import { ENGINE_DEFAULTS, EngineDefaults } from './engineDefaults';
import { CursorFacts, cursorFacts, planInlineRequest, RequestFingerprints } from './engineRequest';
import type { InlineContext, InlineEngineDeps, InlineResult, SuggestionSource } from './inlineEngineTypes';
import { Disposable, GrowthListeners } from './growthListeners';
import { lfContext } from './lfContext';
import { fromLf } from './lineEndings';
import { LiveCompletion } from './liveCompletion';
import { PauseForecast } from './pauseForecast';
import { profiledComplete } from './profiledComplete';
import { SectionTimer } from './sectionTimer';
import { serveFromStream, ServingParts } from './serveFromStream';
import { SuggestionCache } from './suggestionCache';
import { streamTypedThrough } from './streamTypedThrough';
import { TypingPoint, typingPointOf } from './typingPoint';
import { WarmUpPacer } from './warmUpPacer';

export type { Disposable } from './growthListeners';
export type { InlineContext, InlineResult } from './inlineEngineTypes';

const NOTHING: InlineResult = Object.freeze({ items: [] }) as InlineResult;

/** The result for texts shown after the call's position (a module function: no closure made per call). */
function present(facts: CursorFacts, original: InlineContext, texts: string[], source: SuggestionSource, requestId: number, typedChars: number): InlineResult {
  return { items: texts.map((text) => fromLf(facts.itemText + text, original.eol)), source, requestId, typedChars };
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
  private readonly growthListeners = new GrowthListeners();
  private readonly dismissals = new DismissedPositions();
  private readonly serving: ServingParts;
  private readonly warmUps: WarmUpPacer;
  private nextRequestId = 1;
  private nextCallId = 1;
  private disposed = false;

  constructor(private readonly deps: InlineEngineDeps) {
    this.clock = deps.clock ?? systemClock;
    this.options = { ...ENGINE_DEFAULTS, ...deps.options };
    this.forecast = new PauseForecast({
      likelihood: this.options.pauseLikelihood,
      lineStart: { likelihood: this.options.lineStartLikelihood },
    });
    this.timer = new SectionTimer(deps.profiler);
    this.warmUps = new WarmUpPacer(deps.warmUp, this.options.warmUpEveryMs);
    this.serving = { clock: this.clock, timer: this.timer, forecast: this.forecast, cache: this.cache };
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
    return this.growthListeners.add(listener);
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
    this.dismissals.dismiss(documentId);
  }

  /** The document was closed: abort its stream. */
  documentClosed(documentId: string): void {
    this.dismissals.forget(documentId);
    this.slots.get(documentId)?.release('document closed');
    this.slots.delete(documentId);
  }

  dispose(): void {
    this.disposed = true;
    for (const slot of this.slots.values()) slot.release('engine disposed');
    this.slots.clear();
    this.dismissals.clear();
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
    const point: TypingPoint = typingPointOf(original.prefix);
    if (!original.explicit && !original.refresh) {
      const now = this.clock.now();
      this.debouncer.keystroke(now);
      this.forecast.keystroke(now, point);
      this.warmUps.typed(now);
    }
    const settings = this.deps.settings(original);
    const context = lfContext(original);
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
    if (this.dismissals.dismissedHere(original.documentId, original.explicit, position)) {
      this.timer.end(started, 'call', { callId });
      return NOTHING;
    }
    // 1. The document's stream.
    const live = slot.live;
    if (live) {
      const typed = streamTypedThrough(live, facts.effectivePrefix, fingerprint, context, this.options);
      if (typed !== undefined) {
        this.timer.end(started, 'call', { callId });
        const served = await serveFromStream(this.serving, slot, live, typed, position, original, signal, { callId });
        if (served === 'cancelled') return NOTHING;
        if (served !== 'nothing') return present(facts, original, served.texts, 'stream', live.id, typed.length);
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
        return present(facts, original, hit.texts, 'cache', hit.requestId, hit.typedChars);
      }
    }
    if (original.refresh) {
      this.timer.end(started, 'call', { callId });
      return NOTHING;
    }

    // 3. Debounce; 4. request.
    const base = settings.inline.debounceMs;
    const debounce = this.debouncer.delayMs(original.explicit, base, point === 'lineStart');
    // Waiting longer than a pause-length gap would be pointless: such a gap is a pause by definition.
    const delay = original.explicit || base <= 0 ? debounce : this.forecast.delay(debounce, INLINE_DEFAULTS.debouncePauseGapMs);
    this.timer.end(started, 'call', { callId });
    if (!(await sleepOn(this.clock, delay, signal)) || slot.latestCall !== call || this.disposed) return NOTHING;
    started = this.timer.start();
    const plan = planInlineRequest(settings, context, fingerprint);
    if (plan.kind === 'skip') {
      this.timer.end(started, 'call', { callId });
      return NOTHING;
    }
    const stream = this.startRequest(slot, plan, fingerprint, keyOf(position), context, original);
    this.timer.end(started, 'call', { callId, requestId: stream.id });
    const served = await serveFromStream(this.serving, slot, stream, '', position, original, signal, { callId, requestId: stream.id });
    return typeof served === 'object' ? present(facts, original, served.texts, 'request', stream.id, 0) : NOTHING;
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
    const observer = this.deps.observer;
    if (observer?.requestStarted) {
      this.timer.outside(() => observer.requestStarted?.({ requestId: id, documentId: original.documentId, body: plan.body, mode: plan.mode }));
    }
    stream.start(profiledComplete(this.timer, this.deps.complete, id));
    return stream;
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
    const observer = this.deps.observer;
    if (observer?.requestEnded) {
      this.timer.outside(() => observer.requestEnded?.({ requestId: stream.id, end: stream.end ?? 'failed', reason: stream.endReason }));
    }
    if (stream.end === 'finished' || stream.end === 'stoppedEarly') this.reportGrowth(slot, stream, documentId);
    this.timer.end(started, 'end', { requestId: stream.id });
  }

  /** Tells the listeners when the text of a stream that is showing (and nobody waits on) grew. */
  private reportGrowth(slot: DocumentSlot, stream: LiveCompletion, documentId: string): void {
    if (slot.live !== stream || slot.attachedCalls > 0 || this.growthListeners.size === 0) return;
    if (!stream.grewSinceServed()) return;
    this.growthListeners.notify(documentId);
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
