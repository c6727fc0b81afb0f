/**
 * Test kit for the ghost-text engine: a fake clock (timers run only when the test advances
 * time), scripted in-memory completions (the test feeds each request's stream by hand), and
 * settings / context builders.
 */
import { ApiError } from '../../../src/core/client/apiError';
import { CompletionOutcome, requestCompletion } from '../../../src/core/client/completionClient';
import { CompletionDelta, CompletionRequestBody, TokenLogprob } from '../../../src/core/client/completionTypes';
import { EngineClock, TimerHandle } from '../../../src/core/inlineEngine/engineClock';
import { InlineCompletionEngine } from '../../../src/core/inlineEngine/inlineCompletionEngine';
import { CompleteFn, InlineContext, InlineEngineDeps, StreamEnd } from '../../../src/core/inlineEngine/inlineEngineTypes';
import { CometSettings } from '../../../src/core/settings/cometSettings';
import { defaultSettings } from '../../../src/core/settings/settingsValidator';
import type { StopSignal } from '../../../src/core/client/stopSignal';

/** Lets every pending promise callback and immediate run. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
}

export class FakeClock implements EngineClock {
  private time = 1_000;
  private nextId = 1;
  private readonly timers = new Map<number, { at: number; callback: () => void }>();

  now(): number {
    return this.time;
  }

  setTimer(callback: () => void, ms: number): TimerHandle {
    const id = this.nextId++;
    this.timers.set(id, { at: this.time + Math.max(0, ms), callback });
    return id;
  }

  clearTimer(handle: TimerHandle): void {
    this.timers.delete(handle as number);
  }

  get pendingTimers(): number {
    return this.timers.size;
  }

  /** Moves time forward, running each timer that comes due (in order) and what it causes. */
  async advance(ms: number): Promise<void> {
    const target = this.time + ms;
    for (;;) {
      await settle();
      let dueId: number | undefined;
      let due: { at: number; callback: () => void } | undefined;
      for (const [id, timer] of this.timers) {
        if (timer.at <= target && (!due || timer.at < due.at)) {
          dueId = id;
          due = timer;
        }
      }
      if (!due || dueId === undefined) break;
      this.timers.delete(dueId);
      this.time = due.at;
      due.callback();
    }
    this.time = target;
    await settle();
  }
}

/** One request the engine sent; the test streams its answer. */
export class ScriptedRequest {
  private readonly texts: string[] = [];
  private done = false;

  constructor(
    readonly body: CompletionRequestBody,
    readonly signal: StopSignal,
    private readonly onDelta: (delta: CompletionDelta) => void,
    private readonly resolve: (outcome: CompletionOutcome | undefined) => void,
  ) {
    signal.addEventListener('abort', () => this.end({ ok: false, error: new ApiError({ kind: 'aborted', message: 'The request was cancelled.' }), meta: { totalMs: 1, url: 'u' } }));
  }

  get aborted(): boolean {
    return this.signal.aborted;
  }

  /** Streams `text` for choice `index` (ignored once aborted, as on a closed connection). */
  send(text: string, index = 0, logprobs: TokenLogprob[] = []): this {
    if (this.done) return this;
    this.texts[index] = (this.texts[index] ?? '') + text;
    this.onDelta({ index, text, logprobs });
    return this;
  }

  /** Streams every piece in order. */
  sendAll(pieces: string[], index = 0): this {
    for (const piece of pieces) this.send(piece, index);
    return this;
  }

  /** Ends the stream successfully. */
  finish(): void {
    const choices = Array.from({ length: Math.max(1, this.texts.length) }, (_, index) => ({
      index,
      text: this.texts[index] ?? '',
      finishReason: 'stop',
      logprobs: [],
    }));
    this.end({ ok: true, result: { id: 'x', model: 'm', created: 0, choices }, meta: { totalMs: 1, url: 'u' } });
  }

  fail(kind: 'server' | 'timeout' = 'server'): void {
    this.end({ ok: false, error: new ApiError({ kind, message: 'boom' }), meta: { totalMs: 1, url: 'u' } });
  }

  private end(outcome: CompletionOutcome): void {
    if (this.done) return;
    this.done = true;
    this.resolve(outcome);
  }
}

export class ScriptedCompletions {
  readonly requests: ScriptedRequest[] = [];
  readonly complete: CompleteFn = (body, signal, onDelta) =>
    new Promise((resolve) => this.requests.push(new ScriptedRequest(body, signal, onDelta, resolve)));

  get last(): ScriptedRequest {
    const request = this.requests[this.requests.length - 1];
    if (!request) throw new Error('no request was sent');
    return request;
  }
}

export function settingsWith(change: (settings: CometSettings) => void = () => undefined): CometSettings {
  const settings = defaultSettings();
  change(settings);
  return settings;
}

export const DOC = 'file:///work/a.ts';

export function contextAt(prefix: string, extra: Partial<InlineContext> = {}): InlineContext {
  return { documentId: DOC, languageId: 'typescript', prefix, suffix: '', explicit: false, ...extra };
}

/** A fresh AbortController per call, as VS Code gives a fresh token per provider call. */
export function token(): AbortController {
  return new AbortController();
}

export interface Harness {
  engine: InlineCompletionEngine;
  clock: FakeClock;
  server: ScriptedCompletions;
  ended: Array<{ requestId: number; end: StreamEnd; reason?: string }>;
  grown: string[];
  settings: CometSettings;
}

export function harness(settings: CometSettings = settingsWith(), deps: Partial<InlineEngineDeps> = {}): Harness {
  const clock = new FakeClock();
  const server = new ScriptedCompletions();
  const ended: Harness['ended'] = [];
  const grown: string[] = [];
  // Settings are snapshots (InlineEngineDeps.settings): a test changes them by giving `settings` a new object.
  const h = { clock, server, ended, grown, settings } as Harness;
  h.engine = new InlineCompletionEngine({
    settings: () => h.settings,
    complete: server.complete,
    clock,
    observer: { requestEnded: (event) => ended.push(event) },
    ...deps,
  });
  h.engine.onDidGrow((documentId) => grown.push(documentId));
  return h;
}

/**
 * The engine over real HTTP to `baseUrl` (a loopback test server): no debounce, at most
 * `maxLines` lines, every request's end reported to `onEnded`.
 */
export function engineOverHttp(baseUrl: string, maxLines: number, onEnded: (end: StreamEnd) => void): InlineCompletionEngine {
  const settings = settingsWith((s) => {
    s.baseUrl = baseUrl;
    s.inline.debounceMs = 0;
    s.inline.maxLines = maxLines;
  });
  return new InlineCompletionEngine({
    settings: () => settings,
    complete: (body, signal, onDelta, lines) => requestCompletion({ baseUrl, timeoutMs: 5000 }, body, { signal, onDelta, lines }),
    observer: { requestEnded: (event) => onEnded(event.end) },
  });
}
