/**
 * A response body read chunk by chunk with backpressure: at most one chunk waits in memory; the
 * stream is paused until it is read. Works on an HTTP/1.1 `IncomingMessage` and an HTTP/2
 * client stream alike; what cancelling means is the carrier's (`stop`).
 */
import type { Readable } from 'node:stream';
import { BodyRead, BodyReader, connectionReset } from './transportTypes';

export class StreamBodyReader implements BodyReader {
  private readonly queue: Buffer[] = [];
  private ended = false;
  private failure: unknown;
  private wake: (() => void) | undefined;

  /**
   * @param complete whether the body arrived whole (a close before that is a cut-off response)
   * @param stop ends the exchange when the reader is cancelled
   */
  constructor(
    private readonly body: Readable,
    complete: () => boolean,
    private readonly stop: () => void,
  ) {
    body.on('data', (chunk: Buffer) => {
      this.queue.push(chunk);
      body.pause();
      this.notify();
    });
    body.on('end', () => {
      this.ended = true;
      this.notify();
    });
    body.on('error', (error) => {
      this.failure ??= error;
      this.notify();
    });
    body.on('close', () => {
      if (!this.ended && !complete()) this.failure ??= connectionReset('the connection closed before the response ended');
      this.notify();
    });
  }

  async read(): Promise<BodyRead> {
    for (;;) {
      const chunk = this.queue.shift();
      if (chunk) {
        if (this.queue.length === 0 && !this.ended) this.body.resume();
        return { done: false, value: new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength) };
      }
      if (this.failure !== undefined) throw this.failure;
      if (this.ended) return { done: true };
      this.body.resume();
      await new Promise<void>((resolve) => (this.wake = resolve));
    }
  }

  /** The exchange broke (the carrier knows before the stream says): later reads reject with `error`. */
  fail(error: unknown): void {
    this.failure ??= error;
    this.notify();
  }

  async cancel(): Promise<void> {
    this.queue.length = 0;
    this.failure ??= connectionReset('the response was cancelled');
    this.stop();
    this.notify();
  }

  private notify(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }
}
