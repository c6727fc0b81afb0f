/**
 * Every way a completion request can fail, as one typed error.
 * The message is written for the user and never contains the API key
 * (construct it through {@link ApiError} and redact server text first).
 */
export type ApiErrorKind =
  | 'auth' // 401/403: missing or wrong API key
  | 'notFound' // 404: wrong base URL or model
  | 'rateLimited' // 429
  | 'badRequest' // 400/422 and other 4xx: the server refused the parameters
  | 'server' // 5xx
  | 'network' // connection refused/reset, DNS failure
  | 'timeout' // no response byte within the timeout
  | 'protocol' // the response is not an OpenAI-compatible completion (HTML, bad JSON, stream without [DONE])
  | 'stream' // an {"error": ...} object inside a 200 stream
  | 'aborted' // the caller cancelled
  | 'config'; // refused before any request: a bad setting or a missing key

export interface ApiErrorInit {
  kind: ApiErrorKind;
  message: string;
  status?: number;
  /** The server's own message (OpenAI shape `{"error":{"message"}}`), already redacted. */
  serverMessage?: string;
  serverType?: string;
  serverCode?: string;
  /** From a `Retry-After` header (seconds or HTTP date), in milliseconds. */
  retryAfterMs?: number;
  /** For kind 'network': the transport's error code (`ECONNRESET`, `ECONNREFUSED`, …), when known. */
  networkCode?: string;
  /**
   * The answer shows the model does not serve text completions: `'chatReply'` when it answered
   * in chat shape (`choices[].message.content` / `delta.content`) instead of `choices[].text`.
   */
  modelProblem?: 'chatReply';
}

export class ApiError extends Error {
  readonly kind: ApiErrorKind;
  readonly status?: number;
  readonly serverMessage?: string;
  readonly serverType?: string;
  readonly serverCode?: string;
  readonly retryAfterMs?: number;
  readonly networkCode?: string;
  readonly modelProblem?: 'chatReply';

  constructor(init: ApiErrorInit) {
    super(init.message);
    this.name = 'ApiError';
    this.kind = init.kind;
    this.status = init.status;
    this.serverMessage = init.serverMessage;
    this.serverType = init.serverType;
    this.serverCode = init.serverCode;
    this.retryAfterMs = init.retryAfterMs;
    if (init.networkCode !== undefined) this.networkCode = init.networkCode;
    if (init.modelProblem !== undefined) this.modelProblem = init.modelProblem;
  }

  /** Whether trying the same request again later may succeed. */
  get retryable(): boolean {
    return this.kind === 'rateLimited' || this.kind === 'server' || this.kind === 'network' || this.kind === 'timeout';
  }
}
