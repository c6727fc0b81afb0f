import * as vscode from 'vscode';
import { RequestLogFacts, formatRequestLogLine } from '../core/logging/requestLogLine';

/** The "Comet Complete Log" channel: one line per request, never the key. */
export class RequestLog implements vscode.Disposable {
  readonly channel: vscode.LogOutputChannel;

  constructor() {
    this.channel = vscode.window.createOutputChannel('Comet Complete Log', { log: true });
  }

  request(facts: RequestLogFacts, failed: boolean): void {
    const line = formatRequestLogLine(facts);
    if (failed) this.channel.warn(line);
    else this.channel.info(line);
  }

  info(message: string): void {
    this.channel.info(message);
  }

  show(): void {
    this.channel.show(true);
  }

  dispose(): void {
    this.channel.dispose();
  }
}
