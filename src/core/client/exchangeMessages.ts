/**
 * The user-facing sentences of the client about the exchange itself: time limits, size
 * limits, and answers that show the base URL is not an OpenAI-compatible endpoint.
 */
import type { ApiErrorInit } from './apiError';
import type { ExchangeLimits } from './clientConfig';
import { redactSecret } from './secretRedactor';

/** Why an exchange was stopped from outside the read loop: a timer ran out, or the caller aborted. */
export type Stop = 'connect' | 'firstByte' | 'idle' | 'total' | 'aborted';

/** A URL as we may show it: no user name, password or key. */
export function displayUrl(url: string, secret: string | undefined): string {
  return redactSecret(url.replace(/\/\/[^/?#@]*@/, '//'), secret);
}

function seconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(2))} s`;
}

function bytes(count: number): string {
  if (count >= 1024 * 1024) return `${Number((count / (1024 * 1024)).toFixed(1))} MB`;
  if (count >= 1024) return `${Number((count / 1024).toFixed(1))} KB`;
  return `${count} bytes`;
}

export function notOpenAiCompatible(what: string, url: string): string {
  return (
    `${what}, so the base URL does not look like an OpenAI-compatible /v1 endpoint (POST ${url}). ` +
    'Check “cometComplete.baseUrl” (it usually ends in /v1).'
  );
}

export function tooLargeMessage(what: string, limit: number, url: string): string {
  return (
    `The ${what} from POST ${url} is larger than ${bytes(limit)}, so it was cut off. ` +
    'A completion is never that large: the base URL may not be an OpenAI-compatible /v1 endpoint.'
  );
}

/** The message for a timer that ran out (not for 'aborted'). */
export function timeoutMessage(stop: Exclude<Stop, 'aborted'>, limits: ExchangeLimits, url: string, status: number | undefined): string {
  if (stop === 'connect') {
    return (
      `Could not connect to POST ${url} within ${seconds(limits.connectMs)}. Check that the server is running and reachable; ` +
      'raise “cometComplete.connectTimeoutSeconds” if the network is just slow.'
    );
  }
  if (stop === 'total') {
    return (
      `The response from POST ${url} took longer than ${seconds(limits.totalMs)} in all, so it was cut off` +
      `${status === undefined ? '' : ' (the server kept it open without finishing)'}. ` +
      'Raise “cometComplete.totalTimeoutSeconds” for very long completions.'
    );
  }
  if (status === undefined) {
    return (
      `No response from POST ${url} within ${seconds(limits.firstByteMs)}. The server may be busy or still loading the model; ` +
      'raise “cometComplete.firstByteTimeoutSeconds” if it is just slow.'
    );
  }
  return (
    `The server stopped sending for more than ${seconds(limits.idleMs)} in the middle of the response (POST ${url}). ` +
    'Raise “cometComplete.idleTimeoutSeconds” if the model pauses that long.'
  );
}

/** A 200 answer in chat shape (`choices[].message.content`): the model is a chat model, whatever the route says. */
export function chatReplyError(ctx: { url: string; model?: string }): ApiErrorInit {
  const model = ctx.model ? `“${ctx.model}”` : 'The model';
  return {
    kind: 'protocol',
    modelProblem: 'chatReply',
    message:
      `${ctx.model ? `The model ${model}` : model} answers in chat format (choices[].message.content) on POST ${ctx.url}, ` +
      'not with completion text, so there is nothing to show. Pick a text-completion model with “Comet Complete: Select Model” ' +
      '(or set “cometComplete.model”).',
  };
}
