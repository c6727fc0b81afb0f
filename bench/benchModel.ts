/**
 * The benchmark's "model": a loopback OpenAI-compatible server (test/support/openAiTestServer.ts)
 * that answers every `/completions` request about the traced file with a scripted stream:
 * nothing for `ttftMs`, then one token every `1000 / tokensPerSecond` ms.
 *
 * What it says: it knows the file being typed. At a position whose text so far is the start of
 * the file, it predicts the file's real continuation, but only with probability `accuracy`
 * (decided by a hash of the position and the choice, so every engine meets the same model);
 * otherwise its line goes wrong after a few characters. Like a real server it honours `stop`
 * (the stop text is not sent), `max_tokens` and `n`, and stops generating when the client
 * closes the connection.
 *
 * It records, per request, when it arrived, when its first non-blank line was complete on
 * the wire (the newline after it, or the end of the stream), and which tokens it generated.
 */
import type * as http from 'node:http';
import {
  completionChunk,
  endResponse,
  isOpen,
  OpenAiTestServer,
  RecordedRequest,
  sleep,
  startSse,
  writeSseData,
  writeSseDone,
} from '../test/support/openAiTestServer';

export interface ModelTiming {
  ttftMs: number;
  tokensPerSecond: number;
}

export interface ModelOptions extends ModelTiming {
  /** Chance that a prediction is the file's real continuation. */
  accuracy: number;
}

export interface GeneratedToken {
  text: string;
  /** Offset of the token's first character in the choice's text. */
  start: number;
}

export interface ServedRequest {
  /** `User-Agent` the client sent: names the caller's request id. */
  tag: string;
  receivedAt: number;
  /** When the first non-blank line of choice 0 had been written (undefined: never). */
  firstLineAt?: number;
  /** Tokens written per choice before the stream ended or the client went away. */
  generated: GeneratedToken[][];
  closedByClient: boolean;
}

const WRONG_WORDS = ['result', 'value', 'data', 'item', 'index', 'None', 'nil', 'null', 'args', 'options'];

/** Splits text into model-like tokens: a word with its leading spaces, a symbol, a newline, a run of spaces. */
export function tokenize(text: string): string[] {
  return text.match(/[ \t]*[A-Za-z0-9_]+|[ \t]*[^A-Za-z0-9_\s]|\n|[ \t]+/g) ?? [];
}

function hash(...parts: number[]): number {
  let h = 0x811c9dc5;
  for (const part of parts) {
    h ^= part;
    h = Math.imul(h, 0x01000193) >>> 0;
    h ^= h >>> 13;
  }
  return (h >>> 0) / 4294967296;
}

export class BenchModel {
  readonly served: ServedRequest[] = [];

  private constructor(
    readonly server: OpenAiTestServer,
    private readonly fileText: string,
    private readonly options: ModelOptions,
    private readonly now: () => number,
  ) {}

  static async start(fileText: string, options: ModelOptions, now: () => number = () => performance.now()): Promise<BenchModel> {
    const server = await OpenAiTestServer.start();
    const model = new BenchModel(server, fileText, options, now);
    server.setDefaultHandler((req, res) => model.answer(req, res));
    return model;
  }

  get baseUrl(): string {
    return this.server.baseUrl;
  }

  close(): Promise<void> {
    return this.server.close();
  }

  /** What the model says after `prompt` for choice `index` (before stops and max_tokens). */
  predict(prompt: string, index: number): string {
    if (!this.fileText.startsWith(prompt)) return WRONG_WORDS[Math.floor(hash(prompt.length, 7) * WRONG_WORDS.length)] + ';\n';
    const truth = this.fileText.slice(prompt.length);
    if (hash(prompt.length, index, 1) < this.options.accuracy) return truth;
    // Wrong: the current line diverges after 0–7 characters, then the model rambles on its own line.
    const lineEnd = truth.indexOf('\n') < 0 ? truth.length : truth.indexOf('\n');
    const keep = Math.min(lineEnd, Math.floor(hash(prompt.length, index, 2) * 8));
    const word = WRONG_WORDS[Math.floor(hash(prompt.length, index, 3) * WRONG_WORDS.length)];
    const rest = truth.slice(lineEnd);
    return truth.slice(0, keep) + word + (truth[keep] === word[0] ? '_' : '') + ')' + rest;
  }

  private async answer(req: RecordedRequest, res: http.ServerResponse): Promise<void> {
    const record: ServedRequest = {
      tag: String(req.headers['user-agent'] ?? ''),
      receivedAt: this.now(),
      generated: [],
      closedByClient: false,
    };
    this.served.push(record);
    void req.whenClosedByClient.then(() => (record.closedByClient = true));
    const body = req.body ?? {};
    const prompt = String(body.prompt ?? '');
    const stops: string[] = Array.isArray(body.stop) ? body.stop : [];
    const maxTokens = typeof body.max_tokens === 'number' ? body.max_tokens : 16;
    const n = typeof body.n === 'number' && body.n > 0 ? Math.min(body.n, 8) : 1;

    const choices = Array.from({ length: n }, (_, index) => {
      let text = this.predict(prompt, index);
      for (const stop of stops) {
        const at = text.indexOf(stop);
        if (at >= 0) text = text.slice(0, at);
      }
      return tokenize(text).slice(0, maxTokens);
    });
    record.generated = choices.map(() => []);

    startSse(res);
    await sleep(this.options.ttftMs);
    const interval = 1000 / this.options.tokensPerSecond;
    const longest = Math.max(0, ...choices.map((tokens) => tokens.length));
    const offsets = choices.map(() => 0);
    let firstLineSeen = false;
    const started = this.now();
    for (let position = 0; position < longest; position++) {
      // Tokens come at a steady rate from the first one on (sleep drift is not accumulated).
      const due = started + position * interval;
      if (due > this.now()) await sleep(due - this.now());
      if (!isOpen(res)) return;
      for (let index = 0; index < choices.length; index++) {
        const token = choices[index][position];
        if (token === undefined) continue;
        await writeSseData(res, completionChunk([{ text: token, index, logprobs: null, finish_reason: null }]));
        record.generated[index].push({ text: token, start: offsets[index] });
        offsets[index] += token.length;
        if (index === 0 && !firstLineSeen && token.includes('\n')) {
          const soFar = choices[0].slice(0, position + 1).join('');
          if (soFar.slice(0, soFar.lastIndexOf('\n')).trim() !== '') {
            firstLineSeen = true;
            record.firstLineAt = this.now();
          }
        }
      }
    }
    if (!isOpen(res)) return;
    for (let index = 0; index < choices.length; index++) {
      await writeSseData(res, completionChunk([{ text: '', index, logprobs: null, finish_reason: 'stop' }]));
    }
    await writeSseDone(res);
    if (!firstLineSeen) record.firstLineAt = this.now();
    await endResponse(res);
  }
}
