/**
 * Runs the same client paths against one server profile — Test Connection's probe, ghost text
 * (automatic, and Alt+\ with 2 candidates), Complete Selection (n 2, logprobs 2) — and reports
 * what happened as one row of the README "Servers" table.
 */
import { requestCompletion } from '../../../src/core/client/completionClient';
import type { CompletionRequestBody } from '../../../src/core/client/completionTypes';
import { SESSION_REFUSED_PARAMETERS } from '../../../src/core/client/refusedParameters';
import { probeServer, ServerFindings } from '../../../src/core/connection/serverProbe';
import { SESSION_SERVER_KINDS } from '../../../src/core/connection/serverKind';
import { InlineCompletionEngine } from '../../../src/core/inlineEngine/inlineCompletionEngine';
import { buildSelectionRequest } from '../../../src/core/selection/selectionRequest';
import { OpenAiTestServer } from '../../support/openAiTestServer';
import { installProfile, ServerProfile } from '../../support/profiles/serverProfiles';
import { contextAt, settingsWith, token } from '../inlineEngine/engineTestKit';

export const KEY = 'sk-profile-test-key';

export interface MatrixRow {
  label: string;
  findings: ServerFindings;
  ghostText: string[];
  ghostBodies: CompletionRequestBody[];
  cycling: string[];
  /** The first failure message of ghost text, when it failed. */
  ghostError?: string;
  selection: { ok: boolean; choices: number; logprobs: boolean; message?: string; refused?: string[] };
}

export async function runMatrix(profile: ServerProfile, model = profile.model, label = profile.name): Promise<MatrixRow> {
  SESSION_SERVER_KINDS.clear();
  SESSION_REFUSED_PARAMETERS.clear();
  const server = await OpenAiTestServer.start();
  try {
    installProfile(server, profile);
    const config = { baseUrl: server.baseUrl, apiKey: KEY, timeoutMs: 5000 };
    const findings = await probeServer(config, model);

    const settings = settingsWith((s) => {
      s.baseUrl = server.baseUrl;
      s.model = model;
      s.inline.debounceMs = 0;
      s.inline.candidates = 2;
      s.inline.fimTemplate = 'auto';
    });
    const ghostBodies: CompletionRequestBody[] = [];
    let ghostError: string | undefined;
    const engine = new InlineCompletionEngine({
      settings: () => settings,
      complete: async (body, signal, onDelta, lines) => {
        ghostBodies.push(body);
        const outcome = await requestCompletion(config, body, { signal, onDelta, lines });
        if (!outcome.ok && ghostError === undefined) ghostError = outcome.error.message;
        return outcome;
      },
    });
    try {
      const at = contextAt('def add(a, b):\n    ', { languageId: 'python', suffix: '\n\nprint(add(1, 2))\n' });
      const automatic = await engine.suggest(at, token().signal);
      const cycling = await engine.suggest({ ...at, prefix: 'def add(a, b):\n    # sum\n    ', explicit: true }, token().signal);

      const selectionSettings = { ...settings, n: 2, logprobs: 2, stream: true };
      const selection = await requestCompletion(config, buildSelectionRequest(selectionSettings, 'def add(a, b):\n    '));
      return {
        label,
        findings,
        ghostText: automatic.items,
        ghostBodies,
        cycling: cycling.items,
        ...(ghostError !== undefined ? { ghostError } : {}),
        selection: selection.ok
          ? { ok: true, choices: selection.result.choices.length, logprobs: selection.result.choices.some((c) => c.logprobs.length > 0), refused: selection.meta.refused }
          : { ok: false, choices: 0, logprobs: false, message: selection.error.message },
      };
    } finally {
      engine.dispose();
    }
  } finally {
    await server.close();
    SESSION_SERVER_KINDS.clear();
    SESSION_REFUSED_PARAMETERS.clear();
  }
}

function cell(support: string): string {
  return support === 'yes' ? 'yes' : support === 'no' ? 'no' : '—';
}

/** How ghost text sent the text after the cursor. */
export function fimRoute(row: MatrixRow): string {
  const body = row.ghostBodies[0];
  if (!body) return '—';
  if (body.suffix !== undefined) return '`suffix`';
  if (/<\|fim_prefix\|>|<fim_prefix>|<PRE>|<｜fim▁begin｜>|\[SUFFIX\]/.test(body.prompt)) return 'template in `prompt`';
  return 'prefix only';
}

/** The README row: server | identified as | ghost text | FIM | Alt+\ | Complete Selection n=2 | logprobs. */
export function tableRow(row: MatrixRow): string {
  const ghost = row.ghostText.length > 0 ? 'yes' : `no: ${row.ghostError ? firstSentence(row.ghostError) : 'nothing shown'}`;
  const selection = row.selection.ok ? `${row.selection.choices} choice${row.selection.choices === 1 ? '' : 's'}` : `no: ${firstSentence(row.selection.message ?? '')}`;
  return (
    `| ${row.label} | ${row.findings.server} | ${ghost} | ${row.ghostText.length > 0 ? fimRoute(row) : '—'} | ` +
    `${row.cycling.length > 0 ? `yes, ${row.cycling.length} to cycle` : 'no'} | ${selection} | ${row.selection.ok ? (row.selection.logprobs ? 'yes' : 'no') : '—'} | ` +
    `${cell(row.findings.suffix)} / ${cell(row.findings.multipleChoices)} / ${cell(row.findings.logprobs)} |`
  );
}

function firstSentence(text: string): string {
  const sentence = text.split(/(?<=\.)\s/)[0].replace(/POST http:\/\/127\.0\.0\.1:\d+\/v1\/completions/g, 'POST …/completions');
  return sentence.replace(/\|/g, '\\|').replace(/\.$/, '');
}

export const TABLE_HEADER =
  '| Server (profile) | Test Connection says | Ghost text | Text after the cursor sent as | Alt+\\ (2 candidates) | Complete Selection n=2 | logprobs=2 | probe: suffix / n>1 / logprobs |\n' +
  '|---|---|---|---|---|---|---|---|';
