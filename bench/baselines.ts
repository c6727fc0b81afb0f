/**
 * The two baselines the benchmark compares the engine with. Both build the very same request
 * (same prompt, mode, stops, token limits) and post-process the same way; what they lack is the
 * engine's scheduling and reuse:
 *
 *  - `noDebounce`: a request on every keystroke, aborted by the next one; no cache.
 *  - `fixedDebounce`: a fixed 350 ms wait after the last keystroke, then a request aborted by
 *    the next keystroke; no cache, no reuse of a stream.
 *
 * Like the simple engine they replace, they show a suggestion when the whole response is in.
 */
import { abortableDelay } from '../src/core/reliability/abortableDelay';
import { postprocessCandidates } from '../src/core/inline/postprocess';
import { planInlineRequest } from '../src/core/inlineEngine/engineRequest';
import type { CompleteFn, InlineContext, InlineEngineObserver, InlineResult } from '../src/core/inlineEngine/inlineEngineTypes';
import type { CometSettings } from '../src/core/settings/cometSettings';
import type { GhostProvider } from './editorReplay';

export class BaselineProvider implements GhostProvider {
  private nextId = 1;

  constructor(
    private readonly settings: () => CometSettings,
    private readonly complete: CompleteFn,
    private readonly debounceMs: number,
    private readonly observer: InlineEngineObserver,
    readonly windowBefore: number,
  ) {}

  async suggest(context: InlineContext, signal: AbortSignal): Promise<InlineResult> {
    if (context.refresh) return { items: [] };
    if (this.debounceMs > 0 && !(await abortableDelay(this.debounceMs, signal))) return { items: [] };
    if (signal.aborted) return { items: [] };
    const plan = planInlineRequest(this.settings(), context);
    if (plan.kind === 'skip') return { items: [] };
    const requestId = this.nextId++;
    this.observer.requestStarted?.({ requestId, documentId: context.documentId, body: plan.body, mode: plan.mode });
    const outcome = await this.complete(plan.body, signal, () => undefined);
    const aborted = !outcome?.ok && outcome?.error.kind === 'aborted';
    this.observer.requestEnded?.({ requestId, end: outcome?.ok ? 'finished' : aborted ? 'aborted' : 'failed' });
    if (!outcome?.ok || signal.aborted) return { items: [] };
    const items = postprocessCandidates(plan.postprocess, outcome.result.choices.map((choice) => choice.text));
    return { items, source: 'request', requestId, typedChars: 0 };
  }

  dispose(): void {}
}

/**
 * `llamaLike`: what llama.vscode (OpenAI mode) does, as the issue describes it: no debounce, one
 * request in flight at a time, never aborted, not streamed (shown when the whole answer is in).
 * A call that finds a request in flight waits for it; the newest call still wanted when it ends
 * sends the next request. A finished answer is shown when the cursor is still where it was
 * asked for, or the user typed the start of it.
 */
export class OneInFlightProvider implements GhostProvider {
  private nextId = 1;
  private inFlight: Promise<void> | undefined;
  private last: { prefix: string; text: string; requestId: number } | undefined;

  constructor(
    private readonly settings: () => CometSettings,
    private readonly complete: CompleteFn,
    private readonly observer: InlineEngineObserver,
    readonly windowBefore: number,
  ) {}

  async suggest(context: InlineContext, signal: AbortSignal): Promise<InlineResult> {
    if (context.refresh) return { items: [] };
    while (this.inFlight) {
      await this.inFlight;
      if (signal.aborted) return { items: [] };
    }
    if (signal.aborted) return { items: [] };
    const reused = this.typedThrough(context.prefix);
    if (reused) return reused;
    const plan = planInlineRequest(this.settings(), context);
    if (plan.kind === 'skip') return { items: [] };
    const requestId = this.nextId++;
    this.observer.requestStarted?.({ requestId, documentId: context.documentId, body: plan.body, mode: plan.mode });
    let done: () => void = () => undefined;
    this.inFlight = new Promise<void>((resolve) => (done = resolve));
    // Never aborted, not streamed: the answer is used once it is whole.
    const outcome = await this.complete({ ...plan.body, stream: false }, new AbortController().signal, () => undefined);
    this.inFlight = undefined;
    done();
    this.observer.requestEnded?.({ requestId, end: outcome?.ok ? 'finished' : 'failed' });
    if (!outcome?.ok) return { items: [] };
    const items = postprocessCandidates(plan.postprocess, outcome.result.choices.map((choice) => choice.text));
    this.last = items[0] ? { prefix: context.prefix, text: items[0], requestId } : undefined;
    if (signal.aborted) return { items: [] };
    return { items, source: 'request', requestId, typedChars: 0 };
  }

  /** The last answer, when the user typed the start of it since it was asked for. */
  private typedThrough(prefix: string): InlineResult | undefined {
    const last = this.last;
    if (!last || !prefix.startsWith(last.prefix)) return undefined;
    const typed = prefix.slice(last.prefix.length);
    if (typed.length >= last.text.length || !last.text.startsWith(typed)) return undefined;
    return { items: [last.text.slice(typed.length)], source: 'cache', requestId: last.requestId, typedChars: typed.length };
  }

  dispose(): void {}
}
