import * as vscode from 'vscode';
import { insecureEndpointReason, resolveEndpoint } from '../core/endpoint/endpoint';
import { buildModelPickerEntries } from '../core/models/modelPickerEntries';
import { loadModels } from '../core/models/modelSources';
import { SETTING_SECTION } from '../core/settings/settingRules';
import { ApiKeyStore } from './apiKeyStore';
import { RequestLog } from './requestLog';
import { SettingsSource } from './settingsSource';

interface ModelItem extends vscode.QuickPickItem {
  /** The model id to save; undefined for "type a name". */
  modelId?: string;
  typeName?: boolean;
}

/** Listing models never waits longer than this, whatever the request timeout. */
const LIST_TIMEOUT_MS = 30_000;

/**
 * "Select Model": lists the endpoint's models (`GET {baseUrl}/models`, with the key) and, for
 * CometAPI, its public catalog, text-completion models first, with provider and price; the choice
 * goes to the user setting `cometComplete.model`. When nothing can be listed (network, 401, bad
 * JSON) it asks for the name in an input box and says why.
 */
export class ModelPicker {
  constructor(
    private readonly settings: SettingsSource,
    private readonly keys: ApiKeyStore,
    private readonly log: RequestLog,
    private readonly commands: { testConnection: string },
  ) {}

  /** Resolves the model saved, or undefined when the user cancelled. */
  async run(): Promise<string | undefined> {
    const settings = this.settings.get();
    const endpoint = resolveEndpoint(settings.baseUrl);
    const insecure = insecureEndpointReason(endpoint, settings.allowInsecureHttp);
    if (insecure) return this.askForName(settings.model, insecure);
    const stored = await this.keys.get(endpoint.origin);
    const apiKey = stored.kind === 'key' ? stored.key : undefined;

    const pick = vscode.window.createQuickPick<ModelItem>();
    pick.title = vscode.l10n.t('Comet Complete: Select Model');
    pick.placeholder = vscode.l10n.t('Loading the models of {0}…', endpoint.host);
    pick.busy = true;
    pick.matchOnDescription = true;
    pick.matchOnDetail = true;
    const controller = new AbortController();
    const disposables: vscode.Disposable[] = [pick, pick.onDidHide(() => controller.abort())];
    pick.show();
    try {
      const loaded = await loadModels(
        { baseUrl: settings.baseUrl, apiKey, timeoutMs: Math.min(settings.firstByteTimeoutSeconds * 1000, LIST_TIMEOUT_MS) },
        controller.signal,
      );
      if (controller.signal.aborted || loaded.aborted) return undefined;
      for (const problem of loaded.problems) this.log.info(`[select model] ${problem}`);
      if (loaded.models.length === 0) {
        pick.hide();
        const reason = loaded.problems.join(' ') || vscode.l10n.t('{0} lists no models.', endpoint.host);
        return this.askForName(settings.model, reason);
      }
      const entries = buildModelPickerEntries(loaded.models, { currentModel: settings.model, localServer: endpoint.isLoopback });
      const typeName: ModelItem = {
        label: vscode.l10n.t('$(edit) Type a model name…'),
        description: vscode.l10n.t('for a model not listed here'),
        typeName: true,
        alwaysShow: true,
      };
      const modelItems: ModelItem[] = entries.map((entry) =>
        entry.kind === 'separator'
          ? { label: entry.label, kind: vscode.QuickPickItemKind.Separator }
          : {
              label: entry.current ? `$(check) ${entry.label}` : entry.label,
              description: entry.description || undefined,
              detail: entry.detail,
              modelId: entry.id,
            },
      );
      const ids = new Set(loaded.models.map((model) => model.id));
      const refresh = (typed: string) => {
        const name = typed.trim();
        const extra: ModelItem[] =
          name && !ids.has(name)
            ? [{ label: vscode.l10n.t('$(edit) Use “{0}”', name), description: vscode.l10n.t('a model not listed'), modelId: name, alwaysShow: true }]
            : [];
        pick.items = [...extra, typeName, ...modelItems];
      };
      refresh('');
      const current = pick.items.find((item) => item.modelId === settings.model);
      if (current) pick.activeItems = [current];
      pick.busy = false;
      pick.placeholder = loaded.problems.length
        ? vscode.l10n.t('Some models may be missing: {0}', loaded.problems[0])
        : vscode.l10n.t('Models of {0}; text completion models first. Current: {1}', endpoint.host, settings.model);
      disposables.push(pick.onDidChangeValue(refresh));

      const chosen = await new Promise<ModelItem | undefined>((resolve) => {
        disposables.push(
          pick.onDidAccept(() => resolve(pick.selectedItems[0] ?? pick.activeItems[0])),
          pick.onDidHide(() => resolve(undefined)),
        );
      });
      pick.hide();
      if (!chosen) return undefined;
      if (chosen.typeName) return this.askForName(settings.model);
      return chosen.modelId ? this.save(chosen.modelId) : undefined;
    } finally {
      controller.abort();
      for (const disposable of disposables) disposable.dispose();
    }
  }

  /** The fallback: type the model name (with the reason the list failed, when it did). */
  private async askForName(current: string, reason?: string): Promise<string | undefined> {
    const name = await vscode.window.showInputBox({
      title: vscode.l10n.t('Comet Complete: Select Model'),
      prompt: reason
        ? vscode.l10n.t('Could not list the models: {0} Type the model name to use.', reason.replace(/\s*$/, ''))
        : vscode.l10n.t('Type the model name to use (it must serve the /completions route).'),
      value: current,
      ignoreFocusOut: true,
      validateInput: (value) => (value.trim() === '' ? vscode.l10n.t('Enter a model name, or press Escape to cancel.') : undefined),
    });
    if (name === undefined || name.trim() === '') return undefined;
    return this.save(name.trim());
  }

  private async save(model: string): Promise<string> {
    const config = vscode.workspace.getConfiguration(SETTING_SECTION);
    await config.update('model', model, vscode.ConfigurationTarget.Global);
    const inspected = vscode.workspace.getConfiguration(SETTING_SECTION).inspect<string>('model');
    const override = inspected?.workspaceFolderValue ?? inspected?.workspaceValue;
    if (override !== undefined && override !== model) {
      void vscode.window.showWarningMessage(
        vscode.l10n.t('Comet Complete: model set to “{0}” in your user settings, but this workspace sets “{1}”, which wins here.', model, override),
      );
      return model;
    }
    const test = vscode.l10n.t('Test Connection');
    void vscode.window.showInformationMessage(vscode.l10n.t('Comet Complete: model set to “{0}”.', model), test).then((choice) => {
      if (choice === test) void vscode.commands.executeCommand(this.commands.testConnection);
    });
    return model;
  }
}
