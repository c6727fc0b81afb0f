import * as vscode from 'vscode';
import { resolveEndpoint } from '../core/endpoint/endpoint';
import { KeyPrompt, KeyPromptAction, KeyPromptPolicy } from '../core/walkthrough/keyPromptPolicy';
import { ApiKeyStore } from './apiKeyStore';

/**
 * globalState key: the first-run welcome was shown (it is shown once, ever). The name predates
 * the merge of the welcome into the key prompt; kept so that nobody is welcomed twice.
 */
const WELCOMED_KEY = 'cometComplete.walkthroughPromptShown';

export interface MissingKeyPromptDeps {
  keys: ApiKeyStore;
  /** Where "the first run is done" is remembered (the extension's `globalState`). */
  state: vscode.Memento;
  setKeyCommand: string;
  openWalkthrough: () => Thenable<unknown>;
}

/**
 * The one notification that asks for an API key (see keyPromptPolicy.ts): on the first start
 * it is a welcome that leads to setting the key and to the walkthrough; later, a request that
 * finds no key asks for one (ghost text once per endpoint per session, a command every time).
 */
export class MissingKeyPrompt {
  private readonly policy: KeyPromptPolicy;

  constructor(private readonly deps: MissingKeyPromptDeps) {
    this.policy = new KeyPromptPolicy(deps.state.get<boolean>(WELCOMED_KEY) === true);
  }

  /** Forget which endpoints were asked about (after the key changes). */
  reset(): void {
    this.policy.reset();
  }

  /** A request found no key for `origin`. */
  ask(origin: string, fromTyping: boolean): void {
    this.show(this.policy.next({ origin, isLoopback: isLoopbackOrigin(origin), automatic: fromTyping }));
  }

  /**
   * At activation: the welcome, when this is the first start and the current endpoint has no
   * key. Resolves true when it was shown. Never shown when the extension runs under its own
   * tests (`ExtensionMode.Test`), and never after the first start.
   */
  async welcomeOnFirstStart(baseUrl: string, mode: vscode.ExtensionMode): Promise<boolean> {
    if (mode === vscode.ExtensionMode.Test || this.policy.welcomed) return false;
    let origin: string;
    try {
      origin = resolveEndpoint(baseUrl).origin;
    } catch {
      return false; // a broken base URL is reported by the settings check
    }
    if ((await this.deps.keys.get(origin)).kind !== 'missing') return false;
    const prompt = this.policy.next({ origin, isLoopback: isLoopbackOrigin(origin), automatic: true });
    this.show(prompt);
    return prompt?.kind === 'welcome';
  }

  private show(prompt: KeyPrompt | undefined): void {
    if (!prompt) return;
    if (prompt.kind === 'welcome') void this.deps.state.update(WELCOMED_KEY, true);
    const labels: Record<KeyPromptAction, string> = {
      setKey: vscode.l10n.t('Set API Key'),
      useWithoutKey: vscode.l10n.t('Use Without Key'),
      openWalkthrough: vscode.l10n.t('Get Started'),
    };
    const message =
      prompt.kind === 'welcome'
        ? vscode.l10n.t('Welcome to Comet Complete! Set your API key for {0} to get ghost text, or take the short walkthrough (key, model, first suggestion).', prompt.origin)
        : vscode.l10n.t('Comet Complete needs an API key for {0}.', prompt.origin);
    const buttons = prompt.actions.map((action) => labels[action]);
    const shown =
      prompt.kind === 'welcome' ? vscode.window.showInformationMessage(message, ...buttons) : vscode.window.showWarningMessage(message, ...buttons);
    void shown.then(
      (choice) => {
        const action = prompt.actions.find((a) => labels[a] === choice);
        if (action) void this.run(action, prompt.origin);
      },
      () => undefined,
    );
  }

  private async run(action: KeyPromptAction, origin: string): Promise<void> {
    try {
      if (action === 'setKey') {
        await vscode.commands.executeCommand(this.deps.setKeyCommand);
      } else if (action === 'useWithoutKey') {
        await this.deps.keys.markNoKeyNeeded(origin);
        this.reset();
      } else {
        // The walkthrough says to answer the prompt that comes when typing: let it come.
        this.policy.rearm(origin);
        await this.deps.openWalkthrough();
      }
    } catch {
      // A failing command shows its own error; the prompt never throws into the editor.
    }
  }
}

function isLoopbackOrigin(origin: string): boolean {
  try {
    return resolveEndpoint(origin).isLoopback;
  } catch {
    return false;
  }
}
