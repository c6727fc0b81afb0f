/**
 * Replays a typing trace against a ghost-text provider the way VS Code drives one:
 *
 *  - every keystroke cancels the previous provider call (its AbortSignal) and makes a new,
 *    automatic one at the new cursor position;
 *  - what the last answered call returned is the suggestion "shown";
 *  - typing a character that the shown suggestion starts with is type-through: the rest stays
 *    shown (VS Code does this itself, before the provider answers); any other edit hides it;
 *  - when the provider reports growth and the user has not typed since, it is asked again
 *    (`refresh`, after a short coalescing wait), as the adapter does.
 *
 * Keys are sent at the trace's times on the real clock.
 */
import type { InlineContext, InlineResult } from '../src/core/inlineEngine/inlineEngineTypes';

/** As the adapter does (inlineCompletionProvider.ts): one shared reason for the calls the editor cancels. */
const CANCELLED = Object.freeze(new Error('cancelled by the editor'));

export interface GhostProvider {
  suggest(context: InlineContext, signal: AbortSignal): Promise<InlineResult>;
  onDidGrow?(listener: (documentId: string) => void): { dispose(): void };
  windowBefore: number;
  dispose(): void;
}

export interface Trace {
  name: string;
  languageId: string;
  text: string;
  keys: Array<[number, string]>;
}

/** A change of what is shown. */
export interface ShownChange {
  at: number;
  /** The shown text, '' when nothing shows. */
  text: string;
  /** What made it change. */
  cause: 'key' | 'answer' | 'refresh';
  requestId?: number;
  source?: InlineResult['source'];
  /** Characters of the request's text covered by what is shown (typed through + shown). */
  covered?: number;
}

export interface KeyEvent {
  at: number;
  key: string;
  /** The suggestion still showed after this key (typed through). */
  typedThrough: boolean;
}

export interface Replay {
  keys: KeyEvent[];
  shown: ShownChange[];
  /** Provider calls made (keystrokes + refreshes). */
  calls: number;
  results: InlineResult[];
}

export interface ReplayOptions {
  documentId: string;
  growthRetriggerMs: number;
  /** Wait after the last key for streams to settle. */
  tailMs: number;
  now: () => number;
  /** Told when the replay's view of "shown" changes, for live accounting. */
  onShownChange?: (change: ShownChange) => void;
}

function sleepUntil(at: number, now: () => number): Promise<void> {
  const ms = at - now();
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}

export async function replay(trace: Trace, provider: GhostProvider, options: ReplayOptions): Promise<Replay> {
  const { now } = options;
  const result: Replay = { keys: [], shown: [], calls: 0, results: [] };
  let doc = '';
  let version = 0;
  let shown = '';
  let shownRequest: { requestId?: number; typedChars: number } = { typedChars: 0 };
  let call: AbortController | undefined;
  let growthTimer: ReturnType<typeof setTimeout> | undefined;

  const setShown = (change: ShownChange): void => {
    shown = change.text;
    result.shown.push(change);
    options.onShownChange?.(change);
  };

  const ask = (refresh: boolean): void => {
    call?.abort(CANCELLED);
    const controller = new AbortController();
    call = controller;
    const asked = version;
    result.calls++;
    const context: InlineContext = {
      documentId: options.documentId,
      languageId: trace.languageId,
      prefix: doc.slice(-provider.windowBefore),
      suffix: '',
      explicit: false,
      refresh,
      indent: { insertSpaces: !trace.text.includes('\t'), tabSize: 4 },
    };
    void provider.suggest(context, controller.signal).then((answer) => {
      if (controller.signal.aborted || asked !== version) return;
      result.results.push(answer);
      if (answer.items.length === 0) return;
      const text = answer.items[0];
      if (text === shown && answer.requestId === shownRequest.requestId) return;
      shownRequest = { requestId: answer.requestId, typedChars: answer.typedChars ?? 0 };
      setShown({
        at: now(),
        text,
        cause: refresh ? 'refresh' : 'answer',
        requestId: answer.requestId,
        source: answer.source,
        covered: (answer.typedChars ?? 0) + text.length,
      });
    });
  };

  const growth = provider.onDidGrow?.(() => {
    if (growthTimer !== undefined || shown === '') return;
    const grownAt = version;
    growthTimer = setTimeout(() => {
      growthTimer = undefined;
      if (version === grownAt) ask(true);
    }, options.growthRetriggerMs);
  });

  const start = now() + 20;
  for (const [t, key] of trace.keys) {
    await sleepUntil(start + t, now);
    version++;
    call?.abort(CANCELLED);
    let typedThrough = false;
    if (key === '\b') {
      doc = doc.slice(0, -1);
    } else {
      doc += key;
      typedThrough = shown.length > key.length && shown.startsWith(key);
    }
    const at = now();
    result.keys.push({ at, key, typedThrough });
    if (typedThrough) {
      shownRequest = { ...shownRequest, typedChars: shownRequest.typedChars + key.length };
      setShown({ at, text: shown.slice(key.length), cause: 'key', requestId: shownRequest.requestId });
    } else if (shown !== '') {
      setShown({ at, text: '', cause: 'key' });
    }
    ask(false);
  }
  await new Promise((resolve) => setTimeout(resolve, options.tailMs));
  call?.abort(CANCELLED);
  if (growthTimer !== undefined) clearTimeout(growthTimer);
  growth?.dispose();
  return result;
}
