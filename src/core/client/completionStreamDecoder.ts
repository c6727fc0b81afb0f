/**
 * Decodes a `/completions` server-sent-event stream, bytes in, completion out.
 *
 * - Bytes go through one `TextDecoder` in stream mode, so a multi-byte character split across
 *   network chunks comes out whole; events are parsed by `eventsource-parser`.
 * - `data: [DONE]` ends the stream. SSE comments, empty data and events with an unknown `event:`
 *   name are ignored.
 * - `data: {"error": {...}}` (or `event: error`, or llama.cpp's `error: {...}` line) ends it with an
 *   ApiError of kind 'stream' carrying the server's (redacted) message.
 * - A transport that ends without `[DONE]` is an ApiError of kind 'protocol', unless every choice
 *   asked for had already sent its `finish_reason` (then the completion is whole).
 */
import { createParser, type EventSourceMessage, type EventSourceParser, type ParseError } from 'eventsource-parser';
import { isRecord } from '../json/isRecord';
import { ApiError, ApiErrorInit } from './apiError';
import { CompletionAccumulator, isCompletionObject } from './completionAccumulator';
import type { CompletionDelta } from './completionTypes';
import { serverErrorFromJson } from './httpErrorMapper';
import { redactErrorInit, redactSecret } from './secretRedactor';

/** Default for {@link StreamDecoderOptions.maxEventChars}: the largest partial line or event we buffer. */
export const DEFAULT_MAX_EVENT_CHARS = 1024 * 1024;

/**
 * How the server-sent event stream of one response ended: `data: [DONE]` (or a clean end of the body),
 * or an error. Not the inline engine's `StreamEnd`, which says how a ghost-text request ended.
 */
export type EventStreamEnd = { kind: 'done' } | { kind: 'error'; error: ApiError };

export interface StreamDecoderOptions {
  /** The request URL (credential-free), for messages. */
  url: string;
  /** The API key, redacted from every server text. */
  secret?: string;
  /** Called for every non-empty piece of text as it is decoded. Exceptions it throws are ignored. */
  onDelta?: (delta: CompletionDelta) => void;
  /**
   * Largest line, or event (its data lines together), buffered before the stream is called broken
   * (kind 'protocol'), so a server that never ends a line cannot fill memory. Default 1 MiB of characters.
   */
  maxEventChars?: number;
  /**
   * How many choices were asked for (`n`). A stream that ends without `[DONE]` after this many
   * choices each sent a `finish_reason` is complete (llama.cpp and Ollama may close that way).
   */
  expectedChoices?: number;
}

function sentence(text: string): string {
  return text.replace(/[.\s]+$/, '');
}

export class CompletionStreamDecoder {
  readonly accumulator = new CompletionAccumulator();
  private readonly textDecoder = new TextDecoder('utf-8');
  private readonly parser: EventSourceParser;
  private ended: EventStreamEnd | undefined;
  /** JSON objects seen that were not completion chunks (keep-alives, vendor extras, or the wrong API). */
  private ignoredObjects = 0;

  constructor(private readonly options: StreamDecoderOptions) {
    this.parser = createParser({
      maxBufferSize:
        typeof options.maxEventChars === 'number' && options.maxEventChars > 0 ? Math.floor(options.maxEventChars) : DEFAULT_MAX_EVENT_CHARS,
      onEvent: (event) => this.onEvent(event),
      onError: (error) => this.onParseError(error),
    });
  }

  /** Set once `[DONE]` or an error was seen; stop feeding then. */
  get end(): EventStreamEnd | undefined {
    return this.ended;
  }

  /** Feeds network bytes; returns the end once reached. */
  pushBytes(bytes: Uint8Array): EventStreamEnd | undefined {
    if (this.ended) return this.ended;
    return this.pushText(this.textDecoder.decode(bytes, { stream: true }));
  }

  /** Feeds already-decoded text; returns the end once reached. */
  pushText(text: string): EventStreamEnd | undefined {
    if (this.ended || !text) return this.ended;
    this.parser.feed(text);
    return this.ended;
  }

  /** The transport ended: flushes what is buffered and returns how the stream ended. */
  finish(): EventStreamEnd {
    if (!this.ended) {
      // A final event without its blank line still counts.
      this.pushText(this.textDecoder.decode() + '\n\n');
    }
    if (!this.ended && this.everyChoiceFinished()) this.ended = { kind: 'done' };
    if (!this.ended) {
      this.ended = this.fail({
        kind: 'protocol',
        message:
          `The stream ended before [DONE]: the server closed the response early (POST ${this.options.url}). ` +
          'The completion may be cut off.',
      });
    }
    return this.ended;
  }

  private everyChoiceFinished(): boolean {
    const choices = this.accumulator.result().choices;
    const expected = Math.max(1, Math.floor(this.options.expectedChoices ?? 1) || 1);
    return choices.length >= expected && choices.every((choice) => choice.finishReason !== null);
  }

  private fail(init: ApiErrorInit): EventStreamEnd {
    return { kind: 'error', error: new ApiError(redactErrorInit(init, this.options.secret)) };
  }

  private onEvent(event: EventSourceMessage): void {
    if (this.ended) return;
    if (event.event === 'error') {
      this.onServerError(event.data);
      return;
    }
    if (event.event !== undefined && event.event !== 'message') return; // unknown event name
    const data = event.data.trim();
    if (!data) return;
    if (data === '[DONE]') {
      this.ended =
        this.accumulator.objectCount === 0 && this.ignoredObjects > 0
          ? this.fail({
              kind: 'protocol',
              message:
                `The stream sent JSON but not a single completion chunk (no "choices" array), so the base URL does not look ` +
                `like an OpenAI-compatible /v1 endpoint (POST ${this.options.url}).`,
            })
          : { kind: 'done' };
      return;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(data);
    } catch {
      this.ended = this.fail({
        kind: 'protocol',
        message:
          `The stream sent data that is not JSON, so the base URL does not look like an OpenAI-compatible /v1 endpoint ` +
          `(POST ${this.options.url}).`,
      });
      return;
    }
    if (isRecord(parsed) && parsed.error !== undefined && parsed.error !== null) {
      this.onServerError(data);
      return;
    }
    if (isCompletionObject(parsed)) {
      for (const delta of this.accumulator.add(parsed)) this.deliver(delta);
      return;
    }
    if (!isRecord(parsed)) {
      this.ended = this.fail({
        kind: 'protocol',
        message:
          `The stream sent JSON that is not a completion chunk, so the base URL does not look like an ` +
          `OpenAI-compatible /v1 endpoint (POST ${this.options.url}).`,
      });
    }
    // Other objects (keep-alives, vendor extras) are ignored.
    this.ignoredObjects++;
  }

  /** llama.cpp writes mid-stream errors as an `error: {json}` line, which the parser reports as an unknown field. */
  private onParseError(error: ParseError): void {
    if (this.ended) return;
    if (error.type === 'unknown-field' && error.field === 'error') {
      this.onServerError(error.value ?? '');
    } else if (error.type === 'max-buffer-size-exceeded') {
      this.ended = this.fail({
        kind: 'protocol',
        message:
          `The stream sent a line or event larger than the limit of ${this.parserLimit()} characters, so it was cut off ` +
          `(POST ${this.options.url}). The base URL may not be an OpenAI-compatible /v1 endpoint.`,
      });
    }
  }

  /** `payload` is the raw text the server sent; it is redacted before it is parsed or clipped. */
  private onServerError(payload: string): void {
    const text = redactSecret(payload, this.options.secret);
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      value = text;
    }
    const details = serverErrorFromJson(value);
    this.ended = this.fail({
      kind: 'stream',
      message: `The server reported an error during the completion${details.message ? `: ${sentence(details.message)}` : ''}.`,
      serverMessage: details.message,
      serverType: details.type,
      serverCode: details.code,
    });
  }

  private parserLimit(): number {
    const max = this.options.maxEventChars;
    return typeof max === 'number' && max > 0 ? Math.floor(max) : DEFAULT_MAX_EVENT_CHARS;
  }

  private deliver(delta: CompletionDelta): void {
    try {
      this.options.onDelta?.(delta);
    } catch {
      // A failing listener must not break the stream.
    }
  }
}
