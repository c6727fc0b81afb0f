import * as vscode from 'vscode';
import type { StoredKey } from '../core/dispatch/completionDispatcher';

/** Marker stored for an origin whose user chose to send no key (a local server without auth). */
const NO_KEY = '\u0000no-key';

/**
 * API keys in VS Code's SecretStorage only, one per endpoint origin (scheme + host + port),
 * so a key given for one server is never sent to another.
 */
export class ApiKeyStore {
  constructor(private readonly secrets: vscode.SecretStorage) {}

  private static slot(origin: string): string {
    return `cometComplete.apiKey:${origin}`;
  }

  async get(origin: string): Promise<StoredKey> {
    const value = await this.secrets.get(ApiKeyStore.slot(origin));
    if (value === undefined || value === '') return { kind: 'missing' };
    if (value === NO_KEY) return { kind: 'noKeyNeeded' };
    return { kind: 'key', key: value };
  }

  set(origin: string, key: string): Thenable<void> {
    return this.secrets.store(ApiKeyStore.slot(origin), key);
  }

  markNoKeyNeeded(origin: string): Thenable<void> {
    return this.secrets.store(ApiKeyStore.slot(origin), NO_KEY);
  }

  delete(origin: string): Thenable<void> {
    return this.secrets.delete(ApiKeyStore.slot(origin));
  }
}
