import * as vscode from 'vscode';
import { InlineCompletionEngine } from './core/inlineEngine/inlineCompletionEngine';
import { ApiKeyCommands } from './adapter/apiKeyCommands';
import { ApiKeyStore } from './adapter/apiKeyStore';
import { CompleteSelectionCommand } from './adapter/completeSelectionCommand';
import { CompletionGateway } from './adapter/completionGateway';
import { ErrorNotifier } from './adapter/errorNotifier';
import { CometInlineCompletionProvider } from './adapter/inlineCompletionProvider';
import { toggleInlineSetting } from './adapter/inlineToggle';
import { MissingKeyPrompt } from './adapter/missingKeyPrompt';
import { RequestLog } from './adapter/requestLog';
import { SettingsSource, showSettingProblems } from './adapter/settingsSource';
import { StatusBarIndicator } from './adapter/statusBarIndicator';

const COMMANDS = {
  setApiKey: 'cometComplete.setApiKey',
  clearApiKey: 'cometComplete.clearApiKey',
  completeSelection: 'cometComplete.completeSelection',
  toggleInline: 'cometComplete.toggleInline',
  showLog: 'cometComplete.showLog',
} as const;

/** Wires the core to the editor. Nothing here decides anything. */
export function activate(context: vscode.ExtensionContext): void {
  const settings = new SettingsSource((problems) => void showSettingProblems(problems));
  const log = new RequestLog();
  const output = vscode.window.createOutputChannel('Comet Complete');
  const status = new StatusBarIndicator(COMMANDS.toggleInline);
  const keys = new ApiKeyStore(context.secrets);
  const missingKey = new MissingKeyPrompt(keys, COMMANDS.setApiKey);
  const errors = new ErrorNotifier(COMMANDS);
  const gateway = new CompletionGateway(settings, keys, log, status, missingKey, errors);
  const keyCommands = new ApiKeyCommands(keys, settings, () => {
    missingKey.reset();
    status.setError(undefined);
  });
  const engine = new InlineCompletionEngine({
    settings: () => settings.get(),
    complete: (body, signal) => gateway.send({ purpose: 'ghost text', body, signal }),
  });
  const completeSelection = new CompleteSelectionCommand(output, gateway, settings);

  status.setEnabled(settings.get().inline.enabled);
  context.subscriptions.push(
    log,
    output,
    status,
    vscode.languages.registerInlineCompletionItemProvider(
      { pattern: '**' },
      new CometInlineCompletionProvider(engine, settings),
    ),
    vscode.commands.registerCommand(COMMANDS.setApiKey, (key?: unknown) => keyCommands.setApiKey(key)),
    vscode.commands.registerCommand(COMMANDS.clearApiKey, () => keyCommands.clearApiKey()),
    vscode.commands.registerCommand(COMMANDS.completeSelection, () => completeSelection.run()),
    vscode.commands.registerCommand(COMMANDS.toggleInline, () => toggleInlineSetting()),
    vscode.commands.registerCommand(COMMANDS.showLog, () => log.show()),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('cometComplete')) status.setEnabled(settings.get().inline.enabled);
    }),
  );
}

export function deactivate(): void {}
