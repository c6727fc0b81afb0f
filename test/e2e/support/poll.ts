export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export interface PollOptions {
  /** Give up after this long; the error then says what was awaited. */
  timeoutMs?: number;
  intervalMs?: number;
  /** Finishes the sentence "timed out after N ms waiting for …". */
  what: string;
  /** Extra detail for the failure message, computed when it fails (it may look at the screen). */
  detail?: () => string | Promise<string>;
}

/**
 * Calls check until it returns a truthy value (which is returned), or fails after timeoutMs
 * with a message that says what was awaited. An exception from check fails at once.
 */
export async function pollUntil<T>(check: () => T | Promise<T>, options: PollOptions): Promise<NonNullable<T>> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value as NonNullable<T>;
    if (Date.now() >= deadline) {
      const detail = options.detail ? `\n${await Promise.resolve().then(options.detail).catch((error) => `(no detail: ${error})`)}` : '';
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${options.what}${detail}`);
    }
    await sleep(options.intervalMs ?? 100);
  }
}
