/**
 * Server profiles: the loopback test server made to behave like one real OpenAI-compatible
 * server on `/v1/completions` and its identification routes, strict where the real one is.
 *
 * Sources: llama-server from the recorded captures in `../captures/llama-server/` (copied, see
 * its README) and the fact sheet; the others from the fact sheet on OpenAI-compatible servers
 * (llama.cpp @3f545be, Ollama v0.33.0-rc2, vLLM, LM Studio docs and bug tracker, OpenAI's
 * OpenAPI spec and quoted error bodies, CometAPI docs), copied into README "Servers".
 * Behaviour marked "unverified" there is modelled the cautious way and said so below.
 *
 * ```ts
 * const server = await OpenAiTestServer.start();
 * installProfile(server, PROFILES.vllm);
 * ```
 */
import type * as http from 'node:http';
import type { ServerKind } from '../../../src/core/connection/serverKind';
import { OpenAiTestServer, RecordedRequest, sendHtml } from '../openAiTestServer';
import { Body, bodyOf, CHATTER, chatLogprobs, choiceCount, cutAtStop, legacyLogprobs, MIDDLE, middleFor, pathOf, piecesOf, sendBody, streamEvents, usageOf } from './profileWire';

export type ProfileId = 'llama-server' | 'ollama' | 'vllm' | 'lmstudio' | 'openai-instruct' | 'openai-chat' | 'cometapi';

export interface ServerProfile {
  id: ProfileId;
  /** As in the README table. */
  name: string;
  /** What identification must find on loopback (OpenAI and CometAPI are known by host name in real life). */
  kind: ServerKind;
  /** The model the tests use (as the README recommends). */
  model: string;
  /** The README's recommendation. */
  recommended: { baseUrl: string; model: string; fimTemplate: string };
  /** Answers one request. */
  handle(req: RecordedRequest, res: http.ServerResponse): Promise<void>;
}

let counter = 0;
const CREATED = 1_795_533_587;

/* ------------------------------------------------------------------ llama.cpp llama-server */

const LLAMA_HEADERS = { Server: 'llama.cpp', 'Access-Control-Allow-Origin': '', 'Keep-Alive': 'timeout=5, max=100' };
const LLAMA_TIMINGS = { cache_n: 5, prompt_n: 1, prompt_ms: 0.691, prompt_per_token_ms: 0.691, prompt_per_second: 1447.2, predicted_n: 5, predicted_ms: 1.68, predicted_per_token_ms: 0.42, predicted_per_second: 2380.9 };

function llamaError(res: http.ServerResponse, status: number, message: string, type: string): Promise<void> {
  return sendBody(res, status, { error: { code: status, message, type } }, LLAMA_HEADERS);
}

async function llamaServer(req: RecordedRequest, res: http.ServerResponse): Promise<void> {
  const path = pathOf(req);
  if (req.method === 'GET' && path === '/health') return sendBody(res, 200, { status: 'ok' }, LLAMA_HEADERS);
  if (req.method === 'GET' && path === '/props') {
    return sendBody(res, 200, { model_alias: 'qwen2.5-coder-1.5b', build_info: 'b0-unknown', default_generation_settings: { n_ctx: 2048 }, chat_template: '' }, LLAMA_HEADERS);
  }
  if (req.method === 'GET' && path === '/v1/models') {
    return sendBody(res, 200, { object: 'list', data: [{ id: 'qwen2.5-coder-1.5b', object: 'model', created: CREATED, owned_by: 'llamacpp', meta: { n_ctx: 2048 } }] }, LLAMA_HEADERS);
  }
  if (req.method !== 'POST' || path !== '/v1/completions') return llamaError(res, 404, 'File Not Found', 'not_found_error');
  const body = bodyOf(req);
  if (body.n !== undefined && (typeof body.n !== 'number' || body.n < 1 || body.n > 4)) {
    // captures/llama-server/26b-n5.txt (server started with --parallel 4)
    return llamaError(res, 400, `Field 'n': Value must be between 1 <= value <= 4, but got ${body.n}`, 'invalid_request_error');
  }
  // suffix is ignored on this route (captures 14); raw FIM tokens in prompt are real special tokens.
  const n = choiceCount(body, 4);
  const texts = Array.from({ length: n }, (_, index) => cutAtStop(middleFor(index), body.stop).text);
  const k = typeof body.logprobs === 'number' ? body.logprobs : 0;
  const id = `chatcmpl-${(++counter).toString(36).padStart(10, 'x')}`;
  const base = { created: CREATED, model: 'qwen2.5-coder-1.5b', system_fingerprint: 'b0-unknown', object: 'text_completion', id };
  const pieces = piecesOf(texts[0]);
  const finish = 'stop'; // EOS or a stop word: llama.cpp says `stop` for both
  if (body.stream !== true) {
    const choices = Array.from({ length: n }, (_, index) => ({ text: texts[index], index, logprobs: k ? chatLogprobs(piecesOf(texts[index]), k) : null, finish_reason: finish }));
    return sendBody(res, 200, { choices, ...base, usage: usageOf(body.prompt, pieces.length), timings: LLAMA_TIMINGS }, LLAMA_HEADERS);
  }
  const events: unknown[] = [];
  pieces.forEach((_, position) => {
    for (let index = n - 1; index >= 0; index--) {
      // captures 04: choices interleave by index
      const piece = piecesOf(texts[index])[position] ?? '';
      events.push({ choices: [{ text: piece, index, logprobs: k ? chatLogprobs([piece], k) : null, finish_reason: null }], ...base });
    }
  });
  for (let index = 0; index < n; index++) {
    events.push({ choices: [{ text: '', index, logprobs: null, finish_reason: null }], ...base, timings: LLAMA_TIMINGS });
    events.push({ choices: [{ text: '', index, logprobs: null, finish_reason: finish }], ...base, usage: usageOf(body.prompt, pieces.length), timings: LLAMA_TIMINGS });
  }
  return streamEvents(res, { ...LLAMA_HEADERS, 'X-Accel-Buffering': 'no' }, events);
}

/* ------------------------------------------------------------------ Ollama */

const OLLAMA_MODELS: Record<string, { capabilities: string[]; template: string }> = {
  'qwen2.5-coder:1.5b': {
    capabilities: ['completion', 'insert'],
    template: '{{- if .Suffix }}<|fim_prefix|>{{ .Prompt }}<|fim_suffix|>{{ .Suffix }}<|fim_middle|>{{- else }}<|im_start|>user\n{{ .Prompt }}<|im_end|>\n<|im_start|>assistant\n{{ end }}',
  },
  'llama3.2:latest': { capabilities: ['completion', 'tools'], template: '<|start_header_id|>user<|end_header_id|>\n\n{{ .Prompt }}<|eot_id|>' },
};

function ollamaError(res: http.ServerResponse, status: number, message: string, type = 'invalid_request_error'): Promise<void> {
  return sendBody(res, status, { error: { message, type, param: null, code: null } }, {});
}

function ollamaModel(name: unknown): string | undefined {
  if (typeof name !== 'string') return undefined;
  const full = name.includes(':') ? name : `${name}:latest`;
  return OLLAMA_MODELS[full] ? full : undefined;
}

async function ollama(req: RecordedRequest, res: http.ServerResponse): Promise<void> {
  const path = pathOf(req);
  if (req.method === 'GET' && path === '/api/version') return sendBody(res, 200, { version: '0.33.0' }, {});
  if (req.method === 'GET' && path === '/v1/models') {
    return sendBody(res, 200, { object: 'list', data: Object.keys(OLLAMA_MODELS).map((id) => ({ id, object: 'model', created: CREATED, owned_by: 'library' })) }, {});
  }
  if (req.method === 'POST' && path === '/api/show') {
    const model = ollamaModel(bodyOf(req).model);
    if (!model) return sendBody(res, 404, { error: `model '${bodyOf(req).model}' not found` }, {});
    return sendBody(res, 200, { ...OLLAMA_MODELS[model], details: { format: 'gguf' } }, {});
  }
  if (req.method !== 'POST' || path !== '/v1/completions') return sendBody(res, 404, '404 page not found', {});
  const body = bodyOf(req);
  const model = ollamaModel(body.model);
  if (!model) return ollamaError(res, 404, `model "${body.model}" not found, try pulling it first`, 'api_error');
  let text: string;
  if (typeof body.suffix === 'string' && body.suffix !== '' && typeof body.prompt === 'string' && body.prompt !== '') {
    if (!OLLAMA_MODELS[model].capabilities.includes('insert')) return ollamaError(res, 400, `registry.ollama.ai/library/${model} does not support insert`);
    text = MIDDLE; // the model's own FIM template
  } else {
    // No raw mode on this route: the prompt (raw FIM tokens and all) becomes a user chat turn.
    text = CHATTER;
  }
  const cut = cutAtStop(text, body.stop);
  const id = `cmpl-${++counter % 999}`;
  const base = { id, object: 'text_completion', created: CREATED, model: body.model, system_fingerprint: 'fp_ollama' };
  // n is ignored (one choice), logprobs are never returned, top_p 0 becomes 1.
  if (body.stream !== true) {
    return sendBody(res, 200, { ...base, choices: [{ text: cut.text, index: 0, finish_reason: 'stop' }], usage: usageOf(body.prompt, 5) }, {});
  }
  const includeUsage = body.stream_options?.include_usage === true;
  const zeros = { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 };
  const events: unknown[] = piecesOf(cut.text).map((piece) => ({ ...base, choices: [{ text: piece, index: 0, finish_reason: null }], ...(includeUsage ? { usage: zeros } : {}) }));
  events.push({ ...base, choices: [{ text: '', index: 0, finish_reason: 'stop' }], ...(includeUsage ? { usage: zeros } : {}) });
  if (includeUsage) events.push({ ...base, choices: [], usage: usageOf(body.prompt, 5) });
  return streamEvents(res, {}, events);
}

/* ------------------------------------------------------------------ vLLM */

function vllmHeaders(): http.OutgoingHttpHeaders {
  return { server: 'uvicorn', 'x-request-id': `req-${++counter}` };
}

function vllmError(res: http.ServerResponse, status: number, message: string, param: string | null = null): Promise<void> {
  return sendBody(res, status, { error: { message, type: status === 404 ? 'NotFoundError' : 'BadRequestError', param, code: status } }, vllmHeaders());
}

async function vllm(req: RecordedRequest, res: http.ServerResponse): Promise<void> {
  const path = pathOf(req);
  const model = 'Qwen/Qwen2.5-Coder-1.5B';
  if (req.method === 'GET' && path === '/version') return sendBody(res, 200, { version: '0.11.0' }, vllmHeaders());
  if (req.method === 'GET' && path === '/health') return sendBody(res, 200, {}, vllmHeaders());
  if (req.method === 'GET' && path === '/v1/models') {
    return sendBody(res, 200, { object: 'list', data: [{ id: model, object: 'model', created: CREATED, owned_by: 'vllm', root: model, parent: null, max_model_len: 4096, permission: [] }] }, vllmHeaders());
  }
  if (req.method !== 'POST' || path !== '/v1/completions') return sendBody(res, 404, { detail: 'Not Found' }, vllmHeaders());
  if (!/application\/json/i.test(String(req.headers['content-type'] ?? ''))) return vllmError(res, 400, 'Unsupported content type');
  const body = bodyOf(req);
  if (body.model !== undefined && body.model !== '' && body.model !== model) return vllmError(res, 404, `The model \`${body.model}\` does not exist.`, 'model');
  if ('suffix' in body) return vllmError(res, 400, 'suffix is not currently supported');
  if (body.top_p !== undefined && !(body.top_p > 0 && body.top_p <= 1)) return vllmError(res, 400, `top_p must be in (0, 1], got ${Number(body.top_p).toFixed(1)}.`);
  if (typeof body.logprobs === 'number' && body.logprobs > 20) return vllmError(res, 400, `Requested sample logprobs of ${body.logprobs}, which is greater than max allowed: 20`);
  if (Array.isArray(body.stop) && body.stop.includes('')) return vllmError(res, 400, 'stop cannot contain an empty string.');
  if (body.stream_options !== undefined && body.stream !== true) return vllmError(res, 400, 'Stream options can only be defined when `stream=True`.');
  const n = typeof body.n === 'number' ? body.n : 1;
  if (n > 1 && body.temperature === 0) return vllmError(res, 400, `n must be 1 when using greedy sampling, got ${n}.`);
  const cuts = Array.from({ length: n }, (_, index) => cutAtStop(middleFor(index), body.stop));
  const texts = cuts.map((cut) => cut.text);
  // vLLM names the stop string that ended a choice (null: end of text).
  const stopReasons = cuts.map((cut) => cut.matched ?? null);
  const k = typeof body.logprobs === 'number' ? body.logprobs : 0;
  const pieces = piecesOf(texts[0]);
  const id = `cmpl-${++counter}`;
  const base = { id, object: 'text_completion', created: CREATED, model };
  if (body.stream !== true) {
    const choices = Array.from({ length: n }, (_, index) => ({ index, text: texts[index], logprobs: k ? legacyLogprobs(piecesOf(texts[index]), k) : null, finish_reason: 'stop', stop_reason: stopReasons[index] }));
    return sendBody(res, 200, { ...base, choices, usage: usageOf(body.prompt, pieces.length) }, vllmHeaders());
  }
  const events: unknown[] = [];
  for (let index = 0; index < n; index++) {
    const own = piecesOf(texts[index]);
    own.forEach((piece, i) =>
      events.push({ ...base, choices: [{ index, text: piece, logprobs: k ? legacyLogprobs([piece], k) : null, finish_reason: i === own.length - 1 ? 'stop' : null, stop_reason: i === own.length - 1 ? stopReasons[index] : null }] }),
    );
  }
  if (body.stream_options) events.push({ ...base, choices: [], usage: usageOf(body.prompt, pieces.length * n) });
  return streamEvents(res, vllmHeaders(), events);
}

/* ------------------------------------------------------------------ LM Studio */

const LMS_HEADERS = { 'X-Powered-By': 'Express' };

async function lmStudio(req: RecordedRequest, res: http.ServerResponse): Promise<void> {
  const path = pathOf(req);
  const model = 'qwen2.5-coder-1.5b';
  if (req.method === 'GET' && path === '/api/v0/models') {
    return sendBody(res, 200, { object: 'list', data: [{ id: model, object: 'model', type: 'llm', publisher: 'lmstudio-community', arch: 'qwen2', state: 'loaded', max_context_length: 32768 }] }, LMS_HEADERS);
  }
  if (req.method === 'GET' && path === '/v1/models') return sendBody(res, 200, { object: 'list', data: [{ id: model, object: 'model', owned_by: 'organization-owner' }] }, LMS_HEADERS);
  // An unknown route or method: 200 with an error body (lmstudio-bug-tracker #618).
  if (req.method !== 'POST' || path !== '/v1/completions') return sendBody(res, 200, { error: `Unexpected endpoint or method. (${req.method} ${path})` }, LMS_HEADERS);
  const body = bodyOf(req);
  // No prompt template on this route. suffix, n and logprobs: unverified — modelled as ignored (one choice, no logprobs).
  const cut = cutAtStop(MIDDLE, body.stop);
  const base = { id: `cmpl-${++counter}`, object: 'text_completion', created: CREATED, model };
  if (body.stream !== true) return sendBody(res, 200, { ...base, choices: [{ index: 0, text: cut.text, logprobs: null, finish_reason: 'stop' }], usage: usageOf(body.prompt, 3) }, LMS_HEADERS);
  const events: unknown[] = piecesOf(cut.text).map((piece) => ({ ...base, choices: [{ index: 0, text: piece, logprobs: null, finish_reason: null }] }));
  events.push({ ...base, choices: [{ index: 0, text: '', logprobs: null, finish_reason: 'stop' }] });
  if (body.stream_options?.include_usage) events.push({ ...base, choices: [], usage: usageOf(body.prompt, 3) });
  return streamEvents(res, LMS_HEADERS, events);
}

/* ------------------------------------------------------------------ OpenAI */

const OPENAI_FIELDS = new Set(['model', 'prompt', 'suffix', 'max_tokens', 'temperature', 'top_p', 'n', 'stream', 'stream_options', 'logprobs', 'echo', 'stop', 'presence_penalty', 'frequency_penalty', 'best_of', 'logit_bias', 'user', 'seed']);
const OPENAI_COMPLETION_MODELS = new Set(['gpt-3.5-turbo-instruct', 'davinci-002', 'babbage-002']);
const OPENAI_CHAT_MODELS = new Set(['gpt-4o-mini', 'gpt-4o', 'gpt-4.1']);

function openAiHeaders(): http.OutgoingHttpHeaders {
  return { 'openai-processing-ms': '42', 'openai-version': '2020-10-01', 'x-request-id': `req_${++counter}` };
}

/** OpenAI's legacy route, also what CometAPI passes gpt-3.5-turbo-instruct on to. `strictFields`: unknown fields are 400. */
async function openAiCompletion(res: http.ServerResponse, body: Body, headers: http.OutgoingHttpHeaders, error: (status: number, message: string, param: string | null, code: string | null) => Promise<void>): Promise<void> {
  const unknown = Object.keys(body).find((key) => !OPENAI_FIELDS.has(key));
  if (unknown) return error(400, `Unrecognized request argument supplied: ${unknown}`, null, null);
  if (typeof body.logprobs === 'number' && body.logprobs > 5) return error(400, `${body.logprobs} is greater than the maximum of 5 - 'logprobs'`, 'logprobs', null);
  if (Array.isArray(body.stop) && body.stop.length > 4) return error(400, `[...] is too long - 'stop'`, 'stop', null);
  if (body.suffix !== undefined && body.model !== 'gpt-3.5-turbo-instruct') return error(400, 'Unrecognized request argument supplied: suffix', null, null);
  const n = typeof body.n === 'number' ? body.n : 1;
  const k = typeof body.logprobs === 'number' ? body.logprobs : 0;
  const texts = Array.from({ length: n }, (_, index) => cutAtStop(middleFor(index), body.stop).text);
  const pieces = piecesOf(texts[0]);
  const base = { id: `cmpl-${(++counter).toString(36)}`, object: 'text_completion', created: CREATED, model: `${body.model}` };
  if (body.stream !== true) {
    const choices = Array.from({ length: n }, (_, index) => ({ text: texts[index], index, logprobs: k ? legacyLogprobs(piecesOf(texts[index]), k) : null, finish_reason: 'stop' }));
    return sendBody(res, 200, { ...base, choices, usage: usageOf(body.prompt, pieces.length * n) }, headers);
  }
  const events: unknown[] = [];
  pieces.forEach((_, position) => {
    for (let index = 0; index < n; index++) {
      const piece = piecesOf(texts[index])[position] ?? '';
      events.push({ ...base, choices: [{ text: piece, index, logprobs: k ? legacyLogprobs([piece], k) : null, finish_reason: null }] });
    }
  });
  for (let index = 0; index < n; index++) events.push({ ...base, choices: [{ text: '', index, logprobs: null, finish_reason: 'stop' }] });
  if (body.stream_options?.include_usage) events.push({ ...base, choices: [], usage: usageOf(body.prompt, pieces.length * n) });
  return streamEvents(res, headers, events);
}

async function openAi(req: RecordedRequest, res: http.ServerResponse): Promise<void> {
  const headers = openAiHeaders();
  const error = (status: number, message: string, param: string | null, code: string | null): Promise<void> =>
    sendBody(res, status, { error: { message, type: 'invalid_request_error', param, code } }, headers);
  if (!/^Bearer \S+$/.test(String(req.headers.authorization ?? ''))) return error(401, "You didn't provide an API key.", null, null);
  const path = pathOf(req);
  if (req.method === 'GET' && path === '/v1/models') {
    const ids = [...OPENAI_COMPLETION_MODELS, ...OPENAI_CHAT_MODELS];
    return sendBody(res, 200, { object: 'list', data: ids.map((id) => ({ id, object: 'model', created: CREATED, owned_by: 'system' })) }, headers);
  }
  if (req.method !== 'POST' || path !== '/v1/completions') return error(404, `Invalid URL (${req.method} ${path})`, null, null);
  const body = bodyOf(req);
  if (OPENAI_CHAT_MODELS.has(body.model)) {
    return error(404, 'This is a chat model and not supported in the v1/completions endpoint. Did you mean to use v1/chat/completions?', 'model', null);
  }
  if (!OPENAI_COMPLETION_MODELS.has(body.model)) return error(404, `The model \`${body.model}\` does not exist or you do not have access to it.`, null, 'model_not_found');
  return openAiCompletion(res, body, headers, error);
}

/* ------------------------------------------------------------------ CometAPI */

async function cometApi(req: RecordedRequest, res: http.ServerResponse): Promise<void> {
  const requestId = `2026120208${String(++counter).padStart(6, '0')}`;
  const error = (status: number, message: string, _param: string | null, code: string | null): Promise<void> =>
    sendBody(res, status, { error: { message: `${message} (request id: ${requestId})`, type: 'comet_api_error', param: '', code: code ?? '' } }, {});
  const path = pathOf(req);
  if (req.method === 'GET' && path === '/v1/models') {
    return sendBody(res, 200, { object: 'list', data: ['gpt-3.5-turbo-instruct', 'gpt-4o-mini', 'deepseek-chat'].map((id) => ({ id, object: 'model', created: CREATED, owned_by: 'custom' })) }, {});
  }
  // A wrong path answers with the web site, not a JSON 404.
  if (req.method !== 'POST' || path !== '/v1/completions') return sendHtml(res, 200, '<!doctype html><html><head><title>CometAPI</title></head><body>CometAPI</body></html>');
  if (!/^Bearer \S+$/.test(String(req.headers.authorization ?? ''))) return error(401, 'Invalid token', null, null);
  const body = bodyOf(req);
  if (typeof body.model !== 'string' || body.model === '') return error(400, 'model name is required', null, 'invalid_request');
  if (body.model === 'gpt-3.5-turbo-instruct') return openAiCompletion(res, body, {}, error);
  // A chat-only model behind the gateway answers the legacy route in chat shape (issue 10 item 1; unverified for CometAPI itself).
  const base = { id: `chatcmpl-${requestId}`, created: CREATED, model: body.model };
  if (body.stream !== true) {
    return sendBody(res, 200, { ...base, object: 'chat.completion', choices: [{ index: 0, message: { role: 'assistant', content: CHATTER }, finish_reason: 'stop' }], usage: usageOf(body.prompt, 20) }, {});
  }
  const events = [
    { ...base, object: 'chat.completion.chunk', choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }] },
    ...piecesOf(CHATTER).map((piece) => ({ ...base, object: 'chat.completion.chunk', choices: [{ index: 0, delta: { content: piece }, finish_reason: null }] })),
    { ...base, object: 'chat.completion.chunk', choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] },
  ];
  return streamEvents(res, {}, events);
}

/* ------------------------------------------------------------------ the table */

export const PROFILES: Readonly<Record<ProfileId, ServerProfile>> = Object.freeze({
  'llama-server': {
    id: 'llama-server', name: 'llama.cpp llama-server', kind: 'llama.cpp', model: 'qwen2.5-coder-1.5b',
    recommended: { baseUrl: 'http://127.0.0.1:8080/v1', model: 'the loaded model (any name)', fimTemplate: 'auto (model name must say qwen/deepseek/starcoder/codellama/codestral) or the template id' },
    handle: llamaServer,
  },
  ollama: {
    id: 'ollama', name: 'Ollama', kind: 'ollama', model: 'qwen2.5-coder:1.5b',
    recommended: { baseUrl: 'http://localhost:11434/v1', model: 'qwen2.5-coder:1.5b (a model with the insert capability)', fimTemplate: 'auto (sends suffix; Ollama applies the model’s FIM template)' },
    handle: ollama,
  },
  vllm: {
    id: 'vllm', name: 'vLLM', kind: 'vllm', model: 'Qwen/Qwen2.5-Coder-1.5B',
    recommended: { baseUrl: 'http://127.0.0.1:8000/v1', model: 'the served model, e.g. Qwen/Qwen2.5-Coder-1.5B', fimTemplate: 'auto (template in prompt, never suffix)' },
    handle: vllm,
  },
  lmstudio: {
    id: 'lmstudio', name: 'LM Studio', kind: 'lmstudio', model: 'qwen2.5-coder-1.5b',
    recommended: { baseUrl: 'http://localhost:1234/v1', model: 'a base/coder model, e.g. qwen2.5-coder-1.5b', fimTemplate: 'auto (template in prompt)' },
    handle: lmStudio,
  },
  'openai-instruct': {
    id: 'openai-instruct', name: 'OpenAI gpt-3.5-turbo-instruct', kind: 'openai', model: 'gpt-3.5-turbo-instruct',
    recommended: { baseUrl: 'https://api.openai.com/v1', model: 'gpt-3.5-turbo-instruct', fimTemplate: 'auto (sends suffix)' },
    handle: openAi,
  },
  'openai-chat': {
    id: 'openai-chat', name: 'OpenAI chat-only model (gpt-4o-mini)', kind: 'openai', model: 'gpt-4o-mini',
    recommended: { baseUrl: 'https://api.openai.com/v1', model: 'not usable: pick gpt-3.5-turbo-instruct', fimTemplate: '—' },
    handle: openAi,
  },
  cometapi: {
    id: 'cometapi', name: 'CometAPI', kind: 'unknown', model: 'gpt-3.5-turbo-instruct',
    recommended: { baseUrl: 'https://api.cometapi.com/v1', model: 'gpt-3.5-turbo-instruct', fimTemplate: 'auto (sends suffix)' },
    handle: cometApi,
  },
});

/** Makes the server answer every request (after scripted ones) as the profile's real server does. */
export function installProfile(server: OpenAiTestServer, profile: ServerProfile): void {
  server.setDefaultHandler((req, res) => profile.handle(req, res));
}
