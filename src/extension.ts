import * as vscode from 'vscode';
import { InlineCompletionEngine } from './core/inlineEngine/inlineCompletionEngine';
import { ApiKeyCommands } from './adapter/apiKeyCommands';
import { ApiKeyStore } from './adapter/apiKeyStore';
import { CompleteSelectionCommand } from './adapter/completeSelectionCommand';
import { CompletionGateway } from './adapter/completionGateway';
import { ConnectionTestCommand } from './adapter/connectionTest';
import { ErrorNotifier } from './adapter/errorNotifier';
import { FileExclusion } from './adapter/fileExclusion';
import { SpendGuard } from './adapter/spendGuard';
import { GhostTextSnooze } from './adapter/ghostTextSnooze';
import { WorkspaceContextSource } from './adapter/contextSource';
import { CometInlineCompletionProvider } from './adapter/inlineCompletionProvider';
import { toggleInlineSetting } from './adapter/inlineToggle';
import { MissingKeyPrompt } from './adapter/missingKeyPrompt';
import { ModelPicker } from './adapter/modelPicker';
import { RenamedSettingNotice } from './adapter/renamedSettingNotice';
import { editorProxyInUse } from './adapter/proxySettings';
import { RequestLog } from './adapter/requestLog';
import { openSampleFile } from './adapter/sampleFileCommand';
import { SettingsSource, showSettingProblems } from './adapter/settingsSource';
import { StatusBarIndicator } from './adapter/statusBarIndicator';
import { StatusMenu } from './adapter/statusMenu';
import { openWalkthrough } from './adapter/walkthroughPrompt';
import { sharedConnections } from './core/transport/sharedConnections';

const COMMANDS = {
  setApiKey: 'cometComplete.setApiKey',
  clearApiKey: 'cometComplete.clearApiKey',
  completeSelection: 'cometComplete.completeSelection',
  toggleInline: 'cometComplete.toggleInline',
  showLog: 'cometComplete.showLog',
  selectModel: 'cometComplete.selectModel',
  testConnection: 'cometComplete.testConnection',
  showMenu: 'cometComplete.showMenu',
  openWalkthrough: 'cometComplete.openWalkthrough',
  openSampleFile: 'cometComplete.openSampleFile',
  dismissGhostText: 'cometComplete.dismissGhostText',
  goOnPastBudget: 'cometComplete.goOnPastBudget',
} as const;

/** Wires the core to the editor. Nothing here decides anything. */
export function activate(context: vscode.ExtensionContext): void {
  const renamedNotice = new RenamedSettingNotice(context.globalState);
  const settings = new SettingsSource(
    (problems) => void showSettingProblems(problems),
    (use) => renamedNotice.show(use),
  );
  const log = new RequestLog();
  const output = vscode.window.createOutputChannel('Comet Complete');
  const status = new StatusBarIndicator(COMMANDS.showMenu, { menu: true });
  const snooze = new GhostTextSnooze();
  const keys = new ApiKeyStore(context.secrets);
  const missingKey = new MissingKeyPrompt({
    keys,
    state: context.globalState,
    setKeyCommand: COMMANDS.setApiKey,
    openWalkthrough: () => openWalkthrough(context.extension.id),
  });
  const errors = new ErrorNotifier(COMMANDS);
  const gateway = new CompletionGateway(settings, keys, log, status, missingKey, errors);
  const keyCommands = new ApiKeyCommands(keys, settings, () => {
    missingKey.reset();
    gateway.resetFailures();
    status.setError(undefined);
  });
  const engine = new InlineCompletionEngine({
    settings: (scope) => (scope ? settings.getFor(scope.documentId, scope.languageId) : settings.get()),
    complete: (body, signal, onDelta, lines) => gateway.send({ purpose: 'ghost text', body, signal, onDelta, lines }),
    warmUp: () => gateway.warmUp(),
  });
  // Connections of our own (HTTP/2) bypass VS Code's proxy support: with a proxy, plain https.request.
  sharedConnections.useProxyCheck(editorProxyInUse);
  const exclusion = new FileExclusion(settings);
  const spend = new SpendGuard(context.globalState, settings, COMMANDS.goOnPastBudget);
  let shownPaused = false;
  const showBudget = () => {
    const budget = spend.status();
    shownPaused = budget.paused;
    status.setBudget(budget.dailyLimit > 0 ? budget : undefined, COMMANDS.goOnPastBudget);
  };
  status.onTokens((tokens) => spend.record(tokens));
  const ghostTextPaused = () => {
    const paused = spend.isPaused();
    if (paused !== shownPaused) showBudget(); // a new day, or the budget changed
    return snooze.isSnoozed() || paused;
  };
  const workspaceContext = new WorkspaceContextSource(
    () => settings.get(),
    (line) => log.info(line),
    (folder) => settings.get({ uri: folder, languageId: '' }).excludeFiles,
  );
  const ghostText = new CometInlineCompletionProvider(
    engine,
    settings,
    ghostTextPaused,
    (document) => exclusion.check(document).excluded,
    (document, prefix, position) => workspaceContext.snapshot(document, prefix, position),
  );
  const completeSelection = new CompleteSelectionCommand(output, gateway, settings, (document) => exclusion.check(document));
  const modelPicker = new ModelPicker(settings, keys, log, COMMANDS);
  const connectionTest = new ConnectionTestCommand(settings, gateway, status, COMMANDS, keys);
  const statusMenu = new StatusMenu(settings, snooze, COMMANDS, (document) => exclusion.check(document), () => {
    const budget = spend.status();
    return budget.dailyLimit > 0 ? budget : undefined;
  });
  const showExclusion = (editor: vscode.TextEditor | undefined) => {
    const verdict = editor ? exclusion.check(editor.document) : undefined;
    status.setExcluded(verdict?.excluded ? verdict.reason : undefined);
  };

  status.applySettings(settings.get());
  showExclusion(vscode.window.activeTextEditor);
  showBudget();
  context.subscriptions.push(
    exclusion,
    spend,
    spend.onDidChange(showBudget),
    vscode.commands.registerCommand(COMMANDS.goOnPastBudget, () => spend.goOnToday()),
    vscode.window.onDidChangeActiveTextEditor(showExclusion),
    settings,
    log,
    output,
    status,
    snooze,
    snooze.onDidChange((until) => status.setSnoozedUntil(until)),
    vscode.languages.registerInlineCompletionItemProvider({ pattern: '**' }, ghostText),
    ghostText,
    workspaceContext,
    { dispose: () => engine.dispose() },
    { dispose: () => sharedConnections.close() },
    vscode.commands.registerCommand(COMMANDS.setApiKey, (key?: unknown) => keyCommands.setApiKey(key)),
    vscode.commands.registerCommand(COMMANDS.clearApiKey, () => keyCommands.clearApiKey()),
    vscode.commands.registerCommand(COMMANDS.completeSelection, () => completeSelection.run()),
    vscode.commands.registerCommand(COMMANDS.toggleInline, () => toggleInlineSetting()),
    vscode.commands.registerCommand(COMMANDS.showLog, () => log.show()),
    vscode.commands.registerCommand(COMMANDS.selectModel, () => modelPicker.run()),
    vscode.commands.registerCommand(COMMANDS.testConnection, () => connectionTest.run()),
    vscode.commands.registerCommand(COMMANDS.showMenu, () => statusMenu.show()),
    vscode.commands.registerCommand(COMMANDS.openWalkthrough, () => openWalkthrough(context.extension.id)),
    vscode.commands.registerCommand(COMMANDS.openSampleFile, () => openSampleFile()),
    vscode.commands.registerCommand(COMMANDS.dismissGhostText, () => ghostText.dismiss()),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('cometComplete')) {
        gateway.resetFailures();
        status.applySettings(settings.get());
        showExclusion(vscode.window.activeTextEditor);
        showBudget();
      }
    }),
  );
  void missingKey.welcomeOnFirstStart(settings.get().baseUrl, context.extensionMode);
}

export function deactivate(): void {}
