/**
 * What a caller gives the client ({@link ClientConfig}, {@link RequestHooks}) and gets back
 * ({@link CompletionOutcome}), plus the default limits and how they are resolved.
 */
import type { ApiError } from './apiError';
import type { CompletionDelta, CompletionResult, CompletionUsage } from './completionTypes';
import type { LineGrouping } from './lineGrouping';
import type { RefusedParameterMemory } from './refusedParameters';
import type { ServerKindMemory } from '../connection/serverKind';
import type { ConnectionPool } from '../transport/connectionPool';
import type { StopSignal } from './stopSignal';

export interface ClientConfig {
  /** e.g. `https://api.cometapi.com/v1`; requests go to `{baseUrl without trailing slash}/completions`. */
  baseUrl: string;
  /** Sent as `Authorization: Bearer <key>` when given (and non-blank); never anywhere else. */
  apiKey?: string;
  /**
   * Longest wait for the response headers once connected (time to first byte); also the default
   * for the connect and idle timeouts below.
   */
  timeoutMs: number;
  /** Longest wait for the connection (TCP, and the TLS handshake for https). Default: `timeoutMs`. */
  connectTimeoutMs?: number;
  /** Longest gap between two body chunks once the response started. Default: `timeoutMs`. */
  idleTimeoutMs?: number;
  /** Longest the whole exchange may take, so a server trickling bytes forever is cut off. Default: 10 minutes. */
  totalTimeoutMs?: number;
  /** Most bytes of a non-streamed body, and of one server-sent-events line or event. Default: 1 MiB. */
  maxResponseBytes?: number;
  /** Most bytes of a whole streamed response. Default: 64 MiB. */
  maxStreamBytes?: number;
  userAgent?: string;
  /**
   * Where refused parameters are remembered per server and model (see refusedParameters.ts).
   * Default: the session's memory. `null`: never degrade (Test Connection probes what works).
   */
  refusedParameters?: RefusedParameterMemory | null;
  /** Where what the server turned out to be is recorded per origin. Default: the session's memory. `null`: nowhere. */
  serverKinds?: ServerKindMemory | null;
  /** The connections to send on (kept alive, HTTP/2 where offered). Default: the shared pool. */
  connections?: ConnectionPool;
}

export interface RequestHooks {
  /** Aborting closes the connection at once; the outcome is an ApiError of kind 'aborted'. */
  signal?: StopSignal;
  /** Each non-empty piece of text as it arrives (streamed), or the whole text (not streamed). */
  onDelta?: (delta: CompletionDelta) => void;
  /** Deliver to `onDelta` by complete lines (and at the end) rather than piece by piece. */
  lines?: LineGrouping;
}

export interface RequestMeta {
  /** HTTP status, when a response arrived. */
  status?: number;
  /** Milliseconds until the response headers arrived. */
  firstByteMs?: number;
  totalMs: number;
  /** The completions URL, without credentials or the key. */
  url: string;
  /** Parameters left out or capped because this server refused them (e.g. `drop suffix`). */
  degraded?: string[];
  /** Refusals met during this call, each answered by sending again without the parameter. */
  refused?: string[];
  /**
   * A stream we stopped after text had arrived: what it cost, estimated from that text (the
   * server's usage only comes at the end). Gateways bill it, so the session counts it.
   */
  stoppedUsage?: CompletionUsage & { model: string };
}

export type CompletionOutcome =
  | { ok: true; result: CompletionResult; meta: RequestMeta }
  | { ok: false; error: ApiError; meta: RequestMeta };

/** Default for {@link ClientConfig.maxResponseBytes}. */
export const DEFAULT_MAX_RESPONSE_BYTES = 1024 * 1024;
/** Default for {@link ClientConfig.maxStreamBytes}. */
export const DEFAULT_MAX_STREAM_BYTES = 64 * 1024 * 1024;
/** Default for {@link ClientConfig.totalTimeoutMs}. */
export const DEFAULT_TOTAL_TIMEOUT_MS = 10 * 60 * 1000;

/** The time and size limits of one exchange, defaults filled in. */
export interface ExchangeLimits {
  connectMs: number;
  firstByteMs: number;
  idleMs: number;
  totalMs: number;
  responseBytes: number;
  streamBytes: number;
}

/** A positive finite number, else the fallback. */
function positive(value: number | undefined, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : fallback;
}

export function exchangeLimits(config: ClientConfig): ExchangeLimits {
  const firstByteMs = config.timeoutMs;
  return {
    connectMs: positive(config.connectTimeoutMs, firstByteMs),
    firstByteMs,
    idleMs: positive(config.idleTimeoutMs, firstByteMs),
    totalMs: positive(config.totalTimeoutMs, DEFAULT_TOTAL_TIMEOUT_MS),
    responseBytes: Math.floor(positive(config.maxResponseBytes, DEFAULT_MAX_RESPONSE_BYTES)),
    streamBytes: Math.floor(positive(config.maxStreamBytes, DEFAULT_MAX_STREAM_BYTES)),
  };
}
