import * as vscode from 'vscode';

export type IndicatorState = 'idle' | 'working' | 'error' | 'disabled';

/**
 * The status bar item: idle / working / error / disabled. Clicking it runs the toggle command.
 * Working is counted, so overlapping requests never leave a spinner running.
 */
export class StatusBarIndicator implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private inFlight = 0;
  private errorMessage: string | undefined;
  private enabled = true;
  private detail = '';

  constructor(toggleCommand: string) {
    this.item = vscode.window.createStatusBarItem('cometComplete.status', vscode.StatusBarAlignment.Right, 100);
    this.item.name = 'Comet Complete';
    this.item.command = toggleCommand;
    this.render();
    this.item.show();
  }

  get state(): IndicatorState {
    if (this.inFlight > 0) return 'working';
    if (!this.enabled) return 'disabled';
    if (this.errorMessage) return 'error';
    return 'idle';
  }

  setEnabled(enabled: boolean): void {
    this.enabled = enabled;
    this.render();
  }

  /** Model and host, shown in the tooltip. */
  setDetail(detail: string): void {
    if (detail !== this.detail) {
      this.detail = detail;
      this.render();
    }
  }

  /** Marks a request as running; call the returned function exactly once when it ends. */
  begin(): () => void {
    this.inFlight++;
    this.render();
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      this.inFlight--;
      this.render();
    };
  }

  setError(message: string | undefined): void {
    this.errorMessage = message;
    this.render();
  }

  private render(): void {
    const state = this.state;
    const icon = { idle: '$(sparkle)', working: '$(loading~spin)', error: '$(warning)', disabled: '$(circle-slash)' }[state];
    this.item.text = `${icon} Comet`;
    const lines = [
      {
        idle: 'Comet Complete: ghost text on',
        working: 'Comet Complete: asking the model…',
        error: `Comet Complete: ${this.errorMessage ?? 'error'}`,
        disabled: 'Comet Complete: ghost text off',
      }[state],
    ];
    if (this.detail) lines.push(this.detail);
    lines.push(this.enabled ? 'Click to turn ghost text off' : 'Click to turn ghost text on');
    this.item.tooltip = lines.join('\n');
    this.item.backgroundColor = state === 'error' ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    this.item.accessibilityInformation = { label: lines[0] };
  }

  dispose(): void {
    this.item.dispose();
  }
}
