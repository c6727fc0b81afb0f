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
