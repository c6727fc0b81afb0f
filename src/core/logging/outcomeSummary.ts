/**
 * The `→ outcome` part of a request log line: `ok finish=stop completion_chars=12 tokens=5+3`,
 * or `kind: message` for a failure (the message is an ApiError's, which never holds the key).
 */
import type { CompletionOutcome } from '../client/completionClient';

export function outcomeSummary(outcome: CompletionOutcome, attempts = 1): string {
  const degraded = outcome.meta.degraded?.length ? ` degraded=[${outcome.meta.degraded.join(', ')}]` : '';
  const refused = outcome.meta.refused?.length ? ` refused: ${outcome.meta.refused.join('; ')}` : '';
  const tries = (attempts > 1 ? ` attempts=${attempts}` : '') + degraded + refused;
  if (!outcome.ok) return `${outcome.error.kind}: ${outcome.error.message}${tries}`;
  const choice = outcome.result.choices[0];
  const usage = outcome.result.usage;
  return (
    `ok finish=${choice?.finishReason ?? '-'} completion_chars=${choice?.text.length ?? 0}` +
    (usage ? ` tokens=${usage.estimated ? '~' : ''}${usage.promptTokens}+${usage.completionTokens}${usage.estimated ? ' (estimated)' : ''}` : '') +
    tries
  );
}
