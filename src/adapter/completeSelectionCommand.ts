import * as vscode from 'vscode';
import { CompletionChoice } from '../core/client/completionTypes';
import { resolveEndpoint } from '../core/endpoint/endpoint';
import { ExclusionVerdict } from '../core/exclusion/secretFiles';
import { buildSelectionRequest } from '../core/selection/selectionRequest';
import { budgetSelectionPrompt } from '../core/selection/selectionPrompt';
import {
  budgetNote,
  choiceHeading,
  formatLogprobs,
  transcriptFooter,
  transcriptHeader,
} from '../core/selection/selectionTranscript';
import { CompletionGateway } from './completionGateway';
import { EditorStreamInserter } from './editorStreamInserter';
import { SettingsSource } from './settingsSource';

/**
 * "Complete Selection": the selection (or, with none, the text before the cursor, within
 * `completeSelection.maxPrefixChars`) is the prompt; the output channel says when text was cut. The first choice streams into the "Comet Complete" output channel as it arrives
 * (and into the editor after the selection when the user chose so); further choices follow,
 * each apart; then finish reasons and usage. A cancellable notification stops the stream,
 * keeping what already arrived.
 */
export class CompleteSelectionCommand {
  constructor(
    private readonly output: vscode.OutputChannel,
    private readonly gateway: CompletionGateway,
    private readonly settings: SettingsSource,
    private readonly isExcluded: (document: vscode.TextDocument) => ExclusionVerdict = () => ({ excluded: false }),
  ) {}

  async run(): Promise<void> {
    const editor = vscode.window.activeTextEditor;
    if (!editor) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Comet Complete: open a file and select the text to complete.'));
      return;
    }
    const document = editor.document;
    const exclusion = this.isExcluded(document);
    if (exclusion.excluded) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Comet Complete: nothing is sent from this file: {0}.', exclusion.reason));
      return;
    }
    const settings = this.settings.get({ uri: document.uri, languageId: document.languageId });
    const selection = editor.selection;
    const end = selection.isEmpty ? selection.active : selection.end;
    const budgeted = budgetSelectionPrompt(
      {
        selection: selection.isEmpty ? undefined : document.getText(selection),
        before: selection.isEmpty ? document.getText(new vscode.Range(new vscode.Position(0, 0), selection.active)) : '',
        after: settings.useSuffix ? document.getText(new vscode.Range(end, document.lineAt(document.lineCount - 1).range.end)) : undefined,
      },
      settings.completeSelection,
    );
    if (budgeted.prompt.trim() === '') {
      void vscode.window.showInformationMessage(vscode.l10n.t('Comet Complete: there is no text to complete. Select some text first.'));
      return;
    }
    const body = buildSelectionRequest(settings, budgeted.prompt, budgeted.suffix);
    const host = resolveEndpoint(settings.baseUrl).host;
    const inserter = settings.completeSelection.insertIntoEditor
      ? new EditorStreamInserter(editor, document.offsetAt(end))
      : undefined;

    this.output.show(true);
    this.output.append(transcriptHeader(body, host, new Date()));
    this.output.append(budgetNote(budgeted, settings.completeSelection));
    this.output.append(choiceHeading(0, body.n));
    const started = Date.now();

    await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Comet Complete: ${body.model}`, cancellable: true },
      async (progress, token) => {
        const controller = new AbortController();
        const subscription = token.onCancellationRequested(() => controller.abort());
        let received = 0;
        let firstChoiceStreamed = false;
        try {
          progress.report({ message: vscode.l10n.t('waiting for the first token…') });
          const outcome = await this.gateway.send({
            purpose: 'complete selection',
            body,
            signal: controller.signal,
            onDelta: (delta) => {
              if (delta.index === 0) {
                firstChoiceStreamed = true;
                this.output.append(delta.text);
                inserter?.push(delta.text);
              }
              received += delta.text.length;
              progress.report({ message: vscode.l10n.t('{0} characters received', received) });
            },
            onRetry: (notice) => {
              const wait = Math.ceil(notice.delayMs / 1000);
              progress.report({
                message: vscode.l10n.t('{0} — retrying in {1} s (attempt {2} of {3})', notice.error.kind, wait, notice.attempt + 1, notice.maxAttempts),
              });
              this.output.append(`\n(${notice.error.message} Retrying in ${wait} s.)\n`);
            },
          });
          await inserter?.flush();
          if (!outcome) {
            this.output.appendLine('\n\n(not sent: no API key for this endpoint)');
            return;
          }
          if (!outcome.ok) {
            const what = outcome.error.kind === 'aborted' ? 'cancelled; the text above is what arrived' : `error: ${outcome.error.message}`;
            this.output.appendLine(`\n\n${what}`);
            return;
          }
          const first = outcome.result.choices[0];
          if (!firstChoiceStreamed && first) {
            // A non-streaming response arrives whole.
            this.output.append(first.text);
            inserter?.push(first.text);
            await inserter?.flush();
          }
          this.writeRest(outcome.result.choices, body.n);
          this.output.append(transcriptFooter(outcome.result.choices, outcome.result.usage, Date.now() - started));
        } finally {
          subscription.dispose();
          controller.abort();
          inserter?.dispose();
        }
      },
    );
  }

  /** Writes choice 1's logprobs and the remaining choices, each apart. */
  private writeRest(choices: CompletionChoice[], n: number): void {
    choices.forEach((choice, position) => {
      if (position > 0) {
        this.output.append(choiceHeading(choice.index, Math.max(n, choices.length)));
        this.output.append(choice.text);
      }
      this.output.append(formatLogprobs(choice.logprobs));
    });
  }
}
