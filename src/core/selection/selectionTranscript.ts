import { CompletionChoice, CompletionRequestBody, CompletionUsage, TokenLogprob } from '../client/completionTypes';

/**
 * The text "Complete Selection" writes to its output channel: a header naming the model and
 * parameters, each choice, then finish reasons and token usage. Pure text, so it is tested
 * without an editor.
 */

export function transcriptHeader(body: CompletionRequestBody, host: string, startedAt: Date): string {
  const params = [
    `max_tokens=${body.max_tokens}`,
    `temperature=${body.temperature}`,
    `top_p=${body.top_p}`,
    `n=${body.n}`,
    `stream=${body.stream}`,
    `logprobs=${body.logprobs ?? 'off'}`,
    `stop=${body.stop ? JSON.stringify(body.stop) : 'none'}`,
  ];
  if (body.suffix !== undefined) params.push(`suffix=${body.suffix.length} chars`);
  return (
    `━━━ Comet Complete · ${startedAt.toISOString()} ━━━\n` +
    `model: ${body.model} @ ${host}\n` +
    `${params.join('  ')}\n` +
    `prompt: ${body.prompt.length} chars\n`
  );
}

/** A line saying what the prompt budget left out ('' when nothing was). */
export function budgetNote(
  cut: { prefixCut: number; suffixCut: number },
  limits: { maxPrefixChars: number; maxSuffixChars: number },
): string {
  const lines: string[] = [];
  const count = (n: number) => n.toLocaleString('en-US');
  if (cut.prefixCut > 0) {
    lines.push(`prompt cut: the first ${count(cut.prefixCut)} characters of the text before the cursor were not sent (cometComplete.completeSelection.maxPrefixChars = ${count(limits.maxPrefixChars)})`);
  }
  if (cut.suffixCut > 0) {
    lines.push(`suffix cut: the last ${count(cut.suffixCut)} characters of the text after the cursor were not sent (cometComplete.completeSelection.maxSuffixChars = ${count(limits.maxSuffixChars)})`);
  }
  return lines.map((line) => `${line}\n`).join('');
}

export function choiceHeading(index: number, count: number): string {
  return count > 1 ? `\n── choice ${index + 1} of ${count} ──\n` : '\n';
}

function formatLogprob(value: number): string {
  return Number.isFinite(value) ? value.toFixed(3) : String(value);
}

/** One line per token: the token (JSON-quoted so whitespace shows), its logprob and the top alternatives. */
export function formatLogprobs(tokens: TokenLogprob[]): string {
  if (tokens.length === 0) return '';
  const lines = tokens.map((t) => {
    const alternatives = t.top
      .filter((alt) => alt.token !== t.token)
      .map((alt) => `${JSON.stringify(alt.token)} ${formatLogprob(alt.logprob)}`)
      .join(', ');
    return `  ${JSON.stringify(t.token).padEnd(18)} ${formatLogprob(t.logprob).padStart(8)}${alternatives ? `   (${alternatives})` : ''}`;
  });
  return `\nlogprobs (token, log probability, alternatives):\n${lines.join('\n')}\n`;
}

export function formatUsage(usage: CompletionUsage | undefined): string {
  if (!usage) return 'usage: not reported by the server';
  return `usage: ${usage.promptTokens} prompt + ${usage.completionTokens} completion = ${usage.totalTokens} tokens`;
}

export function transcriptFooter(choices: CompletionChoice[], usage: CompletionUsage | undefined, elapsedMs: number): string {
  const reasons =
    choices.length === 1
      ? `finish reason: ${choices[0].finishReason ?? 'unknown'}`
      : `finish reasons: ${choices.map((c) => `${c.index + 1}=${c.finishReason ?? 'unknown'}`).join(', ')}`;
  return `\n\n${reasons}\n${formatUsage(usage)}\ntime: ${(elapsedMs / 1000).toFixed(2)} s\n`;
}
