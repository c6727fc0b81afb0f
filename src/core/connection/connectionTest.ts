/**
 * "Test Connection": the one-token request that checks whether the current model works on
 * `POST {baseUrl}/completions`, and the verdict told to the user. A model that exists but does not
 * serve the legacy route (a chat model) gets its own message pointing at "Select Model".
 */
import { ApiError } from '../client/apiError';
import { CompletionOutcome } from '../client/completionClient';
import { CompletionRequestBody } from '../client/completionTypes';
import { formatLatency } from '../logging/formatLatency';

export function connectionTestBody(model: string): CompletionRequestBody {
  return { model, prompt: 'Hello', max_tokens: 1, temperature: 0, top_p: 1, n: 1, stream: false };
}

/** What the user can do next; the adapter turns each into a button. */
export type ConnectionTestAction = 'selectModel' | 'setApiKey' | 'openSettings' | 'showLog' | 'retry' | 'applySettings';

export interface ConnectionTestVerdict {
  ok: boolean;
  /** How to show it: information, warning (may work later) or error. */
  severity: 'info' | 'warning' | 'error';
  message: string;
  actions: ConnectionTestAction[];
  /** One line for the log ("ok 412 ms" / "not a completions model: …"). */
  logOutcome: string;
}

export interface ConnectionTestContext {
  model: string;
  /** Host (and port) of the endpoint, for the message. */
  host: string;
}

const NOT_COMPLETION_MODEL = [
  /not supported (in|on|by|for) (the )?(v1\/|\/v1\/|\/)?completions/i,
  /chat model/i,
  /not a (text )?completions? model/i,
  /(does not|doesn't|do not) support (the )?(legacy )?(v1\/|\/v1\/|\/)?completions?/i,
  /(use|only supports?|meant for) (the )?(v1\/|\/v1\/|\/)?chat\/completions/i,
  /(completions?|endpoint|route|api|operation|method) (is )?not supported/i,
  /not supported (for|with|by) (this|the) (model|endpoint|route)/i,
  /unsupported (model|endpoint|route|operation)/i,
  /model\b.*\bnot supported/i,
  /not supported.*\bmodel\b/i,
  /\bmodel\b.*\b(not found|does not exist|doesn't exist|not exist|unknown|invalid|not available|unavailable|no available (channel|distributor))/i,
  /(unknown|invalid) model/i,
  /无可用渠道|不支持/,
];

const MODEL_CODES = /^(model_not_found|invalid_model|unsupported_model|model_not_supported|unsupported_endpoint)$/i;

/** Whether a refused request says the model does not serve `/completions` (or is unknown there). */
export function isModelNotServedError(error: ApiError): boolean {
  if (error.modelProblem === 'chatReply') return true;
  if (error.kind !== 'notFound' && error.kind !== 'badRequest' && error.kind !== 'stream' && error.kind !== 'server') return false;
  if (error.kind === 'server' && error.status !== 503) return false;
  // A redirect is a base URL problem, whatever its text.
  if (error.status !== undefined && error.status >= 300 && error.status < 400) return false;
  if (error.serverCode && MODEL_CODES.test(error.serverCode)) return true;
  const said = [error.serverMessage, error.serverType].filter(Boolean).join(' ');
  if (!said) return false;
  return NOT_COMPLETION_MODEL.some((pattern) => pattern.test(said));
}

function serverSaid(error: ApiError): string {
  const text = error.serverMessage?.replace(/[.\s]+$/, '');
  return text ? ` The server said: “${text}”.` : '';
}

export function describeConnectionTest(outcome: CompletionOutcome, context: ConnectionTestContext): ConnectionTestVerdict {
  const latency = formatLatency(outcome.meta.totalMs);
  const model = `“${context.model}”`;
  if (outcome.ok) {
    const first = outcome.meta.firstByteMs !== undefined ? `, first byte after ${formatLatency(outcome.meta.firstByteMs)}` : '';
    return {
      ok: true,
      severity: 'info',
      message: `Model ${model} works on /completions at ${context.host} (answered in ${latency}${first}).`,
      actions: ['showLog'],
      logOutcome: `ok: ${context.model} answered on /completions in ${latency}`,
    };
  }
  const error = outcome.error;
  if (error.kind === 'aborted') {
    return { ok: false, severity: 'info', message: 'Connection test cancelled.', actions: [], logOutcome: 'cancelled' };
  }
  if (error.modelProblem === 'chatReply') {
    return {
      ok: false,
      severity: 'error',
      message:
        `Model ${model} at ${context.host} answers in chat format (choices[].message.content), not with completion text, ` +
        'so ghost text and Complete Selection would stay empty. Pick a text-completion model with “Comet Complete: Select Model”.',
      actions: ['selectModel', 'showLog'],
      logOutcome: `chat-format reply: ${context.model} is not a text-completion model`,
    };
  }
  if (isModelNotServedError(error)) {
    return {
      ok: false,
      severity: 'error',
      message:
        `Model ${model} does not serve the legacy /completions route at ${context.host} (it may be a chat-only model, or unknown there).` +
        `${serverSaid(error)} Pick a text completion model with “Comet Complete: Select Model”.`,
      actions: ['selectModel', 'showLog'],
      logOutcome: `model not served on /completions (${error.status ?? error.kind}): ${error.serverMessage ?? error.message}`,
    };
  }
  const actions: ConnectionTestAction[] = [];
  if (error.kind === 'auth') actions.push('setApiKey');
  if (error.kind === 'notFound' || error.kind === 'badRequest') actions.push('selectModel');
  if (error.kind === 'notFound' || error.kind === 'config' || error.kind === 'protocol') actions.push('openSettings');
  if (error.retryable) actions.push('retry');
  actions.push('showLog');
  return {
    ok: false,
    severity: error.retryable ? 'warning' : 'error',
    message: `Model ${model} at ${context.host} failed the test after ${latency}: ${error.message}`,
    actions,
    logOutcome: `${error.kind}${error.status ? ` ${error.status}` : ''}: ${error.message}`,
  };
}
