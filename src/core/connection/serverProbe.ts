/**
 * Test Connection's findings: which server the base URL looks like (identification routes and
 * `/models`), and what the model does on `/completions`: text completions, `suffix`, `n > 1`,
 * `logprobs`, and the latency. Every completion goes through the client (never degraded here:
 * the point is to see what the server refuses); identification uses `fetchJson`.
 */
import { ClientConfig, CompletionOutcome, requestCompletion } from '../client/completionClient';
import type { CompletionRequestBody } from '../client/completionTypes';
import { joinBaseUrl, parseBaseUrl } from '../endpoint/baseUrl';
import { fetchJson } from '../models/fetchJson';
import { SERVER_NAMES, SESSION_SERVER_KINDS, ServerKind, ServerKindMemory, serverKindFromModelList, serverKindFromUrl } from './serverKind';

/** `yes`, `no` (refused or ignored), or `unknown` (not tried: the model gives no text completions). */
export type Support = 'yes' | 'no' | 'unknown';

export interface ServerFindings {
  kind: ServerKind;
  /** Human name of the kind. */
  server: string;
  /** The first (1-token) request: its outcome decides everything else. */
  first: CompletionOutcome;
  textCompletions: Support;
  suffix: Support;
  multipleChoices: Support;
  logprobs: Support;
  /** One short sentence per feature that is not 'yes', e.g. "suffix: refused (400: suffix is not currently supported)". */
  notes: string[];
  /** Settings that fit, as `cometComplete.*` name → value. */
  suggestedSettings: Record<string, string | number | boolean | null>;
}

export function probeBody(model: string, extra: Partial<CompletionRequestBody> = {}): CompletionRequestBody {
  return { model, prompt: 'def add(a, b):\n    ', max_tokens: 4, temperature: 0.2, top_p: 1, n: 1, stream: false, ...extra };
}

/** Which server the base URL is: probes each kind's own route (checking the body, not just the status). */
export async function identifyServer(baseUrl: string, apiKey: string | undefined, timeoutMs: number, signal?: AbortSignal): Promise<ServerKind> {
  const parsed = parseBaseUrl(baseUrl);
  if ('problem' in parsed) return 'unknown';
  const byUrl = serverKindFromUrl(parsed.url);
  if (byUrl.certain) return byUrl.kind;
  const origin = parsed.url.origin;
  const get = (url: string) => fetchJson(url, { apiKey, timeoutMs, signal, maxChars: 256 * 1024 });
  const models = joinBaseUrl(baseUrl, 'models');
  const [ollama, llama, vllm, lmstudio, list] = await Promise.all([
    get(`${origin}/api/version`),
    get(`${origin}/props`),
    get(`${origin}/version`),
    get(`${origin}/api/v0/models`),
    'url' in models ? get(models.url.href) : Promise.resolve(undefined),
  ]);
  const record = (outcome: Awaited<ReturnType<typeof get>> | undefined): Record<string, unknown> | undefined =>
    outcome && outcome.ok && typeof outcome.json === 'object' && outcome.json !== null && !('error' in (outcome.json as object))
      ? (outcome.json as Record<string, unknown>)
      : undefined;
  if (typeof record(llama)?.build_info === 'string' || record(llama)?.default_generation_settings !== undefined) return 'llama.cpp';
  const listed = list && list.ok ? serverKindFromModelList(list.json) : undefined;
  if (listed === 'llama.cpp' || listed === 'vllm') return listed;
  if (Array.isArray(record(lmstudio)?.data)) return 'lmstudio';
  if (typeof record(ollama)?.version === 'string') return 'ollama';
  if (typeof record(vllm)?.version === 'string') return 'vllm';
  return listed ?? byUrl.kind;
}

function said(outcome: CompletionOutcome): string {
  if (outcome.ok) return '';
  return `${outcome.error.status ?? outcome.error.kind}: ${outcome.error.serverMessage ?? outcome.error.message}`;
}

/**
 * Runs the probes one after another (a local server may serve one request at a time):
 * identification, one text completion, then `suffix`, `n: 2` and `logprobs: 2` only when the
 * first worked. Learned kinds go to `kinds` (the session's memory by default) for ghost text.
 */
export async function probeServer(
  config: ClientConfig,
  model: string,
  options: { signal?: AbortSignal; kinds?: ServerKindMemory; first?: CompletionOutcome } = {},
): Promise<ServerFindings> {
  const kinds = options.kinds ?? SESSION_SERVER_KINDS;
  const probeConfig: ClientConfig = { ...config, refusedParameters: null, serverKinds: kinds };
  let kind = await identifyServer(config.baseUrl, config.apiKey, config.timeoutMs, options.signal);
  const parsed = parseBaseUrl(config.baseUrl);
  if ('url' in parsed) kinds.learn(parsed.url.origin, kind);
  const send = (extra: Partial<CompletionRequestBody>) => requestCompletion(probeConfig, probeBody(model, extra), { signal: options.signal });

  // Test Connection's own first request (through the gateway: key, checks, log) is reused when given.
  const first = options.first ?? (await send({ max_tokens: 1 }));
  if (kind === 'unknown') kind = kinds.kindOf(config.baseUrl); // the answer may have said (headers, fingerprint)
  const findings: ServerFindings = {
    kind,
    server: SERVER_NAMES[kind],
    first,
    textCompletions: first.ok ? 'yes' : 'no',
    suffix: 'unknown',
    multipleChoices: 'unknown',
    logprobs: 'unknown',
    notes: [],
    suggestedSettings: {},
  };
  if (!first.ok) return findings;

  const suffix = await send({ suffix: '\n\nprint(add(1, 2))\n' });
  if (!suffix.ok) findings.notes.push(`suffix: refused (${said(suffix)})`);
  else if (kind === 'llama.cpp' || kind === 'lmstudio') findings.notes.push('suffix: accepted but ignored on this route (a FIM template in the prompt is used instead)');
  findings.suffix = suffix.ok && kind !== 'llama.cpp' && kind !== 'lmstudio' ? 'yes' : 'no';

  const n2 = await send({ n: 2 });
  findings.multipleChoices = n2.ok && n2.result.choices.length >= 2 ? 'yes' : 'no';
  if (!n2.ok) findings.notes.push(`n > 1: refused (${said(n2)})`);
  else if (n2.result.choices.length < 2) findings.notes.push(`n > 1: ignored (${n2.result.choices.length} choice returned)`);

  const lp = await send({ logprobs: 2 });
  findings.logprobs = lp.ok && lp.result.choices.some((c) => c.logprobs.length > 0) ? 'yes' : 'no';
  if (!lp.ok) findings.notes.push(`logprobs: refused (${said(lp)})`);
  else if (findings.logprobs === 'no') findings.notes.push('logprobs: not returned');

  findings.suggestedSettings = suggestedSettings(findings);
  return findings;
}

/** The settings that fit what was found. */
export function suggestedSettings(findings: Pick<ServerFindings, 'kind' | 'suffix' | 'multipleChoices' | 'logprobs'>): Record<string, string | number | boolean | null> {
  const settings: Record<string, string | number | boolean | null> = { 'inline.fimTemplate': 'auto' };
  if (findings.suffix === 'yes' && (findings.kind === 'openai' || findings.kind === 'cometapi' || findings.kind === 'ollama')) settings.useSuffix = true;
  if (findings.suffix !== 'yes') settings.useSuffix = false;
  if (findings.multipleChoices === 'no') {
    settings['inline.candidates'] = 1;
    settings.n = 1;
  }
  if (findings.logprobs === 'no') settings.logprobs = null;
  return settings;
}
