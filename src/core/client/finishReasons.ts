/**
 * What a choice's `finish_reason` allows a caller to show of its text.
 * - `stop` (or an end the server did not name): the whole text, the model finished it.
 * - `length`: the model was cut off by `max_tokens` mid-thought, so its last line is unfinished:
 *   only complete lines may be shown (for a single-line suggestion: nothing).
 * - `content_filter`: the provider stopped it for its content: nothing.
 */
export type ShowableText = 'all' | 'completeLines' | 'nothing';

export function showableText(finishReason: string | null | undefined): ShowableText {
  if (finishReason === 'length') return 'completeLines';
  if (finishReason === 'content_filter') return 'nothing';
  return 'all';
}

/** The text up to and including its last line break ('' when no line is complete). */
export function completeLinesOf(text: string): string {
  return text.slice(0, text.lastIndexOf('\n') + 1);
}
