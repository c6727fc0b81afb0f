/**
 * Which OpenAI-compatible server a base URL is, learned once per origin: from what it is (host,
 * well-known port), from what it answered (response headers, `system_fingerprint`, `/models`
 * `owned_by`) and from Test Connection's probes. Ghost text uses it to choose how text after
 * the cursor is sent (see `inline/fimTemplates.ts` `resolvePromptStrategy`).
 */

export type ServerKind = 'llama.cpp' | 'ollama' | 'vllm' | 'lmstudio' | 'openai' | 'cometapi' | 'tgi' | 'unknown';

/** Human names, for Test Connection and the README. */
export const SERVER_NAMES: Readonly<Record<ServerKind, string>> = Object.freeze({
  'llama.cpp': 'llama.cpp llama-server',
  ollama: 'Ollama',
  vllm: 'vLLM',
  lmstudio: 'LM Studio',
  openai: 'OpenAI',
  cometapi: 'CometAPI',
  tgi: 'Text Generation Inference',
  unknown: 'an OpenAI-compatible server',
});

/** Anything with `get(name)` (fetch `Headers`, or a lookup over Node's header map). */
export interface HeaderSource {
  get(name: string): string | null;
}

/** From the host alone: OpenAI and CometAPI by name, local servers by their default ports (a guess). */
export function serverKindFromUrl(url: URL): { kind: ServerKind; certain: boolean } {
  const host = url.hostname.toLowerCase();
  if (host === 'api.openai.com') return { kind: 'openai', certain: true };
  if (host === 'api.cometapi.com' || host.endsWith('.cometapi.com')) return { kind: 'cometapi', certain: true };
  const port = url.port;
  if (port === '11434') return { kind: 'ollama', certain: false };
  if (port === '1234') return { kind: 'lmstudio', certain: false };
  return { kind: 'unknown', certain: false };
}

/** From response headers: `Server: llama.cpp`, LM Studio's Express, OpenAI's `openai-*`, vLLM's uvicorn + request id. */
export function serverKindFromHeaders(headers: HeaderSource): ServerKind | undefined {
  const server = (headers.get('server') ?? '').toLowerCase();
  if (server.includes('llama.cpp')) return 'llama.cpp';
  if (headers.get('openai-processing-ms') !== null || headers.get('openai-version') !== null) return 'openai';
  if ((headers.get('x-powered-by') ?? '').toLowerCase() === 'express') return 'lmstudio';
  if (server.includes('uvicorn') && headers.get('x-request-id') !== null) return 'vllm';
  return undefined;
}

/** From a completion (or chunk) the server sent: Ollama signs every answer `fp_ollama`. */
export function serverKindFromCompletion(object: Record<string, unknown>): ServerKind | undefined {
  if (object.system_fingerprint === 'fp_ollama') return 'ollama';
  if (typeof object.timings === 'object' && object.timings !== null) return 'llama.cpp';
  return undefined;
}

/** From `GET {baseUrl}/models`: `owned_by` names llama.cpp, vLLM and LM Studio; Ollama says `library`. */
export function serverKindFromModelList(json: unknown): ServerKind | undefined {
  if (typeof json !== 'object' || json === null) return undefined;
  const data = (json as { data?: unknown }).data;
  if (!Array.isArray(data)) return undefined;
  for (const entry of data) {
    const owner = typeof entry === 'object' && entry !== null ? (entry as { owned_by?: unknown }).owned_by : undefined;
    if (owner === 'llamacpp') return 'llama.cpp';
    if (owner === 'vllm') return 'vllm';
    if (owner === 'organization-owner') return 'lmstudio';
    if (owner === 'library') return 'ollama';
  }
  return undefined;
}

/**
 * What each origin turned out to be, this session. A certain answer (headers, an answer's
 * fingerprint, a probe) replaces a guess (a default port); a guess never replaces a certainty.
 */
export class ServerKindMemory {
  private readonly kinds = new Map<string, { kind: ServerKind; certain: boolean }>();
  /**
   * Each base URL seen, parsed once: ghost text asks on every request, and a cold `new URL` costs
   * a third of a millisecond on the extension host's thread (more than building the prompt).
   */
  private readonly parsed = new Map<string, { origin: string; guess: ServerKind } | null>();

  constructor(private readonly maxEntries = 32) {}

  /** The kind of the base URL's origin: learned, else guessed from the URL. */
  kindOf(baseUrl: string): ServerKind {
    const key = String(baseUrl ?? '');
    let entry = this.parsed.get(key);
    if (entry === undefined) {
      entry = parseOrigin(key);
      if (this.parsed.size >= this.maxEntries) this.parsed.clear();
      this.parsed.set(key, entry);
    }
    if (entry === null) return 'unknown';
    return this.kinds.get(entry.origin)?.kind ?? entry.guess;
  }

  /** Records what an answer or probe showed. */
  learn(origin: string, kind: ServerKind | undefined): void {
    if (!kind || kind === 'unknown') return;
    if (!this.kinds.has(origin) && this.kinds.size >= this.maxEntries) {
      const oldest = this.kinds.keys().next().value;
      if (oldest !== undefined) this.kinds.delete(oldest);
    }
    this.kinds.set(origin, { kind, certain: true });
  }

  clear(): void {
    this.kinds.clear();
  }
}

function parseOrigin(baseUrl: string): { origin: string; guess: ServerKind } | null {
  try {
    const url = new URL(baseUrl.trim());
    return { origin: url.origin, guess: serverKindFromUrl(url).kind };
  } catch {
    return null;
  }
}

/** The session's memory: the client fills it from every answer, ghost text reads it. */
export const SESSION_SERVER_KINDS = new ServerKindMemory();
