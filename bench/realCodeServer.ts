/**
 * The real-code benchmark's model: a loopback OpenAI-compatible server
 * (test/support/openAiTestServer.ts) that streams whatever answer the benchmark scripted for
 * the next request, token by token (tokens as bench/benchModel.ts cuts them, losing no character). Like
 * llama-server it honours `stop` (the stop text is not sent) and `max_tokens`, and ends with
 * finish_reason `length` when max_tokens cut the answer.
 */
import { Handler, OpenAiTestServer, streamCompletion } from '../test/support/openAiTestServer';

/** bench/benchModel.ts's tokens, plus any other character on its own, so the pieces join back to the text. */
export function tokenizeAll(text: string): string[] {
  return text.match(/[ \t]*[A-Za-z0-9_]+|[ \t]*[^A-Za-z0-9_\s]|\n|[ \t]+|[\s\S]/g) ?? [];
}

/**
 * A request handler that streams `answerFor(request)` as the scripted model does: honouring `stop`
 * and `max_tokens`, finish_reason `length` when max_tokens cut it (the same text for every choice).
 */
export function scriptedAnswer(answerFor: (request: Parameters<Handler>[0]) => string): Handler {
  return async (req, res) => {
    const body = req.body ?? {};
    const stops: string[] = Array.isArray(body.stop) ? body.stop : typeof body.stop === 'string' ? [body.stop] : [];
    const maxTokens = typeof body.max_tokens === 'number' ? body.max_tokens : 16;
    const n = typeof body.n === 'number' && body.n > 0 ? Math.min(body.n, 8) : 1;
    let text = answerFor(req);
    let stopped = false;
    for (const stop of stops) {
      const at = stop === '' ? -1 : text.indexOf(stop);
      if (at >= 0) {
        text = text.slice(0, at);
        stopped = true;
      }
    }
    const tokens = tokenizeAll(text);
    const pieces = tokens.slice(0, maxTokens);
    const cut = !stopped && tokens.length > maxTokens;
    await streamCompletion(res, {
      choices: Array.from({ length: n }, () => pieces),
      finishReason: cut ? 'length' : 'stop',
    });
  };
}

export class ScriptedModel {
  /** The answer to the next request (the same for every choice). */
  answer = '';
  requests = 0;

  private constructor(private readonly server: OpenAiTestServer) {}

  static async start(): Promise<ScriptedModel> {
    const server = await OpenAiTestServer.start();
    const model = new ScriptedModel(server);
    server.setDefaultHandler(scriptedAnswer(() => {
      model.requests++;
      return model.answer;
    }));
    return model;
  }

  get baseUrl(): string {
    return this.server.baseUrl;
  }

  close(): Promise<void> {
    return this.server.close();
  }
}
