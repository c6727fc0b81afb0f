/**
 * Which notification (if any) asks for the API key, so that a new user sees exactly one.
 *
 * Two moments need a key prompt: the first activation without a key (a welcome that leads to
 * setting the key and to the walkthrough), and a request that finds no key (ghost text while
 * typing, or a command). On a first start both happen at once — the extension activates while
 * the user already types — so both go through this one policy:
 *
 *  - The first prompt ever (`firstRunDone` false) is the welcome, whatever asked for it; the
 *    caller then remembers that the first run is done (VS Code's `globalState`).
 *  - Ghost text asks at most once per endpoint per session (no popup storm while typing); the
 *    welcome counts as that once. An explicit command asks every time.
 *  - "Get Started" re-arms the endpoint: the walkthrough tells the user to answer the prompt
 *    that comes when they next type (with "Use Without Key" for a server without auth).
 *
 * Pure: the adapter (src/adapter/missingKeyPrompt.ts) shows it and runs the chosen action.
 */

/** The buttons of a key prompt, in the order shown. */
export type KeyPromptAction = 'setKey' | 'useWithoutKey' | 'openWalkthrough';

export interface KeyPrompt {
  kind: 'welcome' | 'missingKey';
  /** The endpoint origin the key is for. */
  origin: string;
  actions: KeyPromptAction[];
}

export interface KeyPromptRequest {
  origin: string;
  /** The endpoint is this machine (`localhost`, `127.x.x.x`, `::1`), where servers often need no key. */
  isLoopback: boolean;
  /** Asked by ghost text (typing) or at activation, rather than by a command the user ran. */
  automatic: boolean;
}

export class KeyPromptPolicy {
  private readonly askedFor = new Set<string>();

  constructor(private firstRunDone: boolean) {}

  /**
   * The prompt to show now, or undefined. Showing the welcome marks the first run as done:
   * the caller persists that (`firstRunDone` on the next start).
   */
  next(request: KeyPromptRequest): KeyPrompt | undefined {
    if (request.automatic) {
      if (this.askedFor.has(request.origin)) return undefined;
      this.askedFor.add(request.origin);
    }
    if (!this.firstRunDone) {
      this.firstRunDone = true;
      // A local server often runs without auth: say so here too, or the welcome would leave
      // that user without the answer until the next prompt.
      const actions: KeyPromptAction[] = request.isLoopback ? ['setKey', 'useWithoutKey', 'openWalkthrough'] : ['setKey', 'openWalkthrough'];
      return { kind: 'welcome', origin: request.origin, actions };
    }
    return { kind: 'missingKey', origin: request.origin, actions: ['setKey', 'useWithoutKey'] };
  }

  /** Whether the first-run welcome was shown (in this or an earlier session). */
  get welcomed(): boolean {
    return this.firstRunDone;
  }

  /** The next automatic request for `origin` may ask again (after "Get Started"). */
  rearm(origin: string): void {
    this.askedFor.delete(origin);
  }

  /** Forget which endpoints were asked about (after the key changes). */
  reset(): void {
    this.askedFor.clear();
  }
}
