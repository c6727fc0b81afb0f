/**
 * The engine's contract with its callers: what the editor knows at the cursor (no editor
 * types), what comes back, and what the engine needs to run.
 */
import type { CompletionOutcome } from '../client/completionClient';
import type { CompletionDelta, CompletionRequestBody } from '../client/completionTypes';
import type { LineGrouping } from '../client/lineGrouping';
import type { WorkspaceContextSnapshot } from '../context/contextTypes';
import type { IndentStyle } from '../inline/postprocess/postprocessContext';
import type { SelectedItemText } from '../inline/selectedItem';
import type { CometSettings } from '../settings/cometSettings';
import type { EngineClock } from './engineClock';
import type { EngineDefaults } from './engineDefaults';
import type { EndOfLine } from './lineEndings';
import type { StopSignal } from '../client/stopSignal';

/** What the editor knows at the cursor. */
export interface InlineContext {
  /** Stable id of the document (its URI). */
  documentId: string;
  languageId: string;
  /** Text before the cursor: at least `engine.windowChars().before` characters when the document has them. */
  prefix: string;
  /** Text after the cursor: at least `engine.windowChars().after` characters when the document has them. */
  suffix: string;
  /** The document's line ending; with `'\r\n'` the core works on `\n` and suggestions come back with `\r\n`. */
  eol?: EndOfLine;
  /** Invoked by the user (Alt+\, Alt+], Alt+[): no debounce, several candidates, a fresh request. */
  explicit: boolean;
  /**
   * The adapter's own re-trigger to show a suggestion that grew: answered from the live stream
   * or the cache only, never with a request, and not counted as a keystroke.
   */
  refresh?: boolean;
  /** The IntelliSense item selected in the open suggest widget: the suggestion must extend it (see selectedItem.ts). */
  selectedItem?: SelectedItemText;
  /** Editor indentation (defaults to 4 spaces). */
  indent?: IndentStyle;
  /** Workspace context ready at this keystroke (src/core/context/); its signature is part of the cache key. */
  workspace?: WorkspaceContextSnapshot;
}

export type SuggestionSource = 'request' | 'stream' | 'cache';

export interface InlineResult {
  /**
   * Texts to insert at the cursor (or over the selected item's range, which they start with),
   * in the document's line ending, best first, distinct. Empty: show nothing.
   */
  items: string[];
  /** 'request': this call sent it; 'stream': an earlier call's request (still streaming or done); 'cache'. */
  source?: SuggestionSource;
  /** The request whose text this is. */
  requestId?: number;
  /** Characters typed through that request's suggestion before this position. */
  typedChars?: number;
}

/** How one ghost-text request ended, as the engine reports it ({@link InlineEngineObserver.requestEnded}). */
export type StreamEnd = 'finished' | 'stoppedEarly' | 'aborted' | 'failed';

/** What the engine reports about its requests (for logs, tests and the benchmark). */
export interface InlineEngineObserver {
  requestStarted?(event: { requestId: number; documentId: string; body: CompletionRequestBody; mode: 'singleLine' | 'multiLine' }): void;
  /** `stoppedEarly` counts as success: enough had arrived, the rest was not needed. */
  requestEnded?(event: { requestId: number; end: StreamEnd; reason?: string }): void;
}

/**
 * Time spent in the engine's own code (the benchmark's overhead figures): each synchronous
 * section of a call (`callId`; with `requestId` when that call sent the request), each
 * streamed piece and the end of a request (`requestId`). `send` is the part of a call's section
 * spent synchronously inside `complete` (the HTTP client opening the request), so it can be
 * told apart from the engine's own work. Time in the {@link InlineEngineObserver} is the
 * observer's and counts nowhere.
 */
export interface EngineProfiler {
  now(): number;
  record(phase: 'call' | 'send' | 'delta' | 'end', ms: number, ids: { callId?: number; requestId?: number }): void;
}

export type CompleteFn = (
  body: CompletionRequestBody,
  signal: StopSignal,
  onDelta: (delta: CompletionDelta) => void,
  /** Pass on to the client (RequestHooks.lines): the engine acts only on complete lines. */
  lines?: LineGrouping,
) => Promise<CompletionOutcome | undefined>;

export interface InlineEngineDeps {
  /**
   * The settings; given the call's document and language, those in its scope (language
   * overrides such as `[python]`, a multi-root workspace's folder settings). A snapshot: a
   * changed setting comes as a new object, never as a change to one already given.
   */
  settings: (scope?: Pick<InlineContext, 'documentId' | 'languageId'>) => CometSettings;
  /** Sends the request; resolves undefined when it was not sent (for example no API key). Never rejects. */
  complete: CompleteFn;
  /**
   * Typing started (or goes on): have a connection to the server ready, so the request at the
   * pause pays no handshake. Called at most every `warmUpEveryMs`; must be cheap and never throw.
   */
  warmUp?: () => void;
  clock?: EngineClock;
  observer?: InlineEngineObserver;
  profiler?: EngineProfiler;
  /** Overrides of {@link ENGINE_DEFAULTS}. */
  options?: Partial<EngineDefaults>;
}
