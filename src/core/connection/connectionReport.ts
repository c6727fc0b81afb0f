/**
 * What Test Connection tells the user once {@link probeServer} ran: the verdict of the first
 * request (`describeConnectionTest`), plus what was found — the server, text completions,
 * `suffix` / FIM, `n > 1`, `logprobs`, the latency — and the settings that fit.
 */
import { ConnectionTestContext, ConnectionTestVerdict, describeConnectionTest } from './connectionTest';
import type { ServerFindings, Support } from './serverProbe';

export interface ConnectionReport extends ConnectionTestVerdict {
  /** Settings to offer (`cometComplete.` prefix left out), only those that differ from the current ones. */
  offer: Record<string, string | number | boolean | null>;
}

function yesNo(support: Support): string {
  return support === 'yes' ? 'yes' : support === 'no' ? 'no' : 'not tried';
}

/** `current` gives the present value of a setting (by name without the prefix), to offer only changes. */
export function describeFindings(
  findings: ServerFindings,
  context: ConnectionTestContext,
  current: (name: string) => unknown = () => undefined,
): ConnectionReport {
  const verdict = describeConnectionTest(findings.first, context);
  const found = `Found ${findings.server} at ${context.host}.`;
  if (!findings.first.ok) return { ...verdict, message: `${found} ${verdict.message}`, offer: {} };
  // The verdict already says "works on /completions … (answered in …, first byte after …)".
  const features =
    `Suffix / fill-in-the-middle: ${yesNo(findings.suffix)}; n > 1: ${yesNo(findings.multipleChoices)}; logprobs: ${yesNo(findings.logprobs)}.`;
  const notes = findings.notes.length > 0 ? ` ${findings.notes.map((n) => n.replace(/\.$/, '')).join('; ')}.` : '';
  const offer: ConnectionReport['offer'] = {};
  for (const [name, value] of Object.entries(findings.suggestedSettings)) {
    if (current(name) !== value) offer[name] = value;
  }
  const offered = Object.keys(offer).length > 0
    ? ` Settings that fit: ${Object.entries(offer).map(([k, v]) => `${k} = ${JSON.stringify(v)}`).join(', ')}.`
    : '';
  return {
    ...verdict,
    severity: findings.notes.length > 0 ? 'info' : verdict.severity,
    message: `${found} ${verdict.message} ${features}${notes}${offered}`,
    actions: Object.keys(offer).length > 0 ? ['applySettings', ...verdict.actions] : verdict.actions,
    logOutcome: `${verdict.logOutcome}; server=${findings.kind} suffix=${findings.suffix} n>1=${findings.multipleChoices} logprobs=${findings.logprobs}`,
    offer,
  };
}
