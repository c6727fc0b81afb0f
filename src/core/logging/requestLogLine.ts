import { CompletionRequestBody } from '../client/completionTypes';

/**
 * One log line per request: what was asked (never the key; the prompt only as a preview of
 * at most `previewChars` characters) and how it went.
 */
export interface RequestLogFacts {
  /** What the request was for ("ghost text", "complete selection", "test connection"); the line's tag. */
  purpose: string;
  host: string;
  body: CompletionRequestBody;
  previewChars: number;
  status?: number;
  firstByteMs?: number;
  totalMs: number;
  outcome: string;
}

export function promptPreview(prompt: string, previewChars: number): string {
  if (previewChars <= 0) return '';
  const tail = prompt.length > previewChars ? '…' + prompt.slice(-previewChars) : prompt;
  return ` prompt=${JSON.stringify(tail)}`;
}

export function formatRequestLogLine(facts: RequestLogFacts): string {
  const b = facts.body;
  const params =
    `model=${b.model} max_tokens=${b.max_tokens} temperature=${b.temperature} top_p=${b.top_p} n=${b.n} ` +
    `stream=${b.stream} logprobs=${b.logprobs ?? 'off'} stop=${b.stop ? b.stop.length : 0} ` +
    `prompt_chars=${b.prompt.length}${b.suffix !== undefined ? ` suffix_chars=${b.suffix.length}` : ''}` +
    (b.stopsLeftOut && b.stopsLeftOut.length > 0 ? ` stops_left_out=${JSON.stringify(b.stopsLeftOut)}` : '');
  const timing =
    `status=${facts.status ?? '-'} first_byte=${facts.firstByteMs !== undefined ? Math.round(facts.firstByteMs) + 'ms' : '-'} ` +
    `total=${Math.round(facts.totalMs)}ms`;
  return `[${facts.purpose}] POST ${facts.host} ${params} ${timing} → ${facts.outcome}${promptPreview(b.prompt, facts.previewChars)}`;
}
