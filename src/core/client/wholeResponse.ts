/**
 * Reads a response that is not a `text/event-stream`: one JSON completion, or what sloppy or
 * wrong servers send instead (SSE without its content type, HTML, empty, other JSON, an
 * `{"error":…}` body with status 200).
 */
import { ApiError, ApiErrorInit } from './apiError';
import { CompletionAccumulator, isCompletionObject } from './completionAccumulator';
import type { CompletionStreamDecoder } from './completionStreamDecoder';
import type { CompletionDelta } from './completionTypes';
import { notOpenAiCompatible } from './exchangeMessages';
import { looksLikeHtml, parseServerErrorBody } from './httpErrorMapper';
import { redactSecret } from './secretRedactor';

export interface WholeResponseContext {
  /** The completions URL as shown (credential-free). */
  url: string;
  secret: string | undefined;
  newStreamDecoder: () => CompletionStreamDecoder;
  deliver: (delta: CompletionDelta) => void;
  /** Builds the (redacted) error. */
  error: (init: ApiErrorInit) => ApiError;
}

/** The completion read from a whole body, or the error it shows. */
export function readWholeResponse(
  text: string,
  contentType: string,
  ctx: WholeResponseContext,
): { accumulator: CompletionAccumulator } | { error: ApiError } {
  const trimmed = text.replace(/^\uFEFF/, '').trim();
  if (/^(data:|:|event:)/.test(trimmed)) {
    const decoder = ctx.newStreamDecoder();
    decoder.pushText(text);
    const end = decoder.end ?? decoder.finish();
    return end.kind === 'done' ? { accumulator: decoder.accumulator } : { error: end.error };
  }
  if (!trimmed) {
    return { error: ctx.error({ kind: 'protocol', message: notOpenAiCompatible('The server sent an empty response', ctx.url) }) };
  }
  if (looksLikeHtml(trimmed, contentType)) {
    return { error: ctx.error({ kind: 'protocol', message: notOpenAiCompatible('The server sent an HTML page instead of a completion', ctx.url) }) };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(trimmed);
  } catch {
    return { error: ctx.error({ kind: 'protocol', message: notOpenAiCompatible('The response is not JSON', ctx.url) }) };
  }
  if (isCompletionObject(parsed)) {
    const accumulator = new CompletionAccumulator();
    for (const delta of accumulator.add(parsed)) ctx.deliver(delta);
    return { accumulator };
  }
  const record = parsed as Record<string, unknown> | null;
  if (record && typeof record === 'object' && record.error !== undefined && record.error !== null) {
    const details = parseServerErrorBody(redactSecret(trimmed, ctx.secret));
    return {
      error: ctx.error({
        kind: 'stream',
        message: `The server reported an error instead of a completion${details.message ? `: ${details.message.replace(/[.\s]+$/, '')}` : ''}.`,
        serverMessage: details.message,
        serverType: details.type,
        serverCode: details.code,
      }),
    };
  }
  return {
    error: ctx.error({
      kind: 'protocol',
      message: notOpenAiCompatible('The response is JSON but not a completion (it has no "choices" array)', ctx.url),
    }),
  };
}
