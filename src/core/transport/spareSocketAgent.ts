/**
 * A keep-alive HTTP/1.1 agent that can be handed a connection made ahead of time (a warm-up,
 * or the connection that found out the server speaks only HTTP/1.1): the next request to that
 * origin starts on it instead of connecting. `createConnection` is the documented hook for
 * supplying an agent's sockets.
 */
import * as https from 'node:https';
import type { Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';

export class SpareSocketAgent extends https.Agent {
  private readonly spares = new Map<string, TLSSocket>();

  constructor(options: https.AgentOptions = {}) {
    super({ keepAlive: true, ...options });
  }

  /** Keeps `socket` (connected to `host:port`) for the next request there; replaces an older spare. */
  addSpare(host: string, port: number, socket: TLSSocket): void {
    const key = `${host}:${port}`;
    this.spares.get(key)?.destroy();
    this.spares.set(key, socket);
    // An idle spare must not keep the process alive; the request that takes it refs it again.
    socket.unref();
    socket.once('close', () => {
      if (this.spares.get(key) === socket) this.spares.delete(key);
    });
  }

  /** Whether a request to `host:port` would start on a connection already made (a spare or an idle keep-alive socket). */
  hasWarmConnection(host: string, port: number): boolean {
    if (this.spares.has(`${host}:${port}`)) return true;
    const prefix = `${host}:${port}:`;
    return Object.entries(this.freeSockets).some(([name, sockets]) => name.startsWith(prefix) && (sockets?.length ?? 0) > 0);
  }

  override createConnection(options: https.RequestOptions & { host?: string; port?: number }, callback?: (error: Error | null, socket: Socket) => void): Socket {
    const key = `${options.host}:${options.port}`;
    const spare = this.spares.get(key);
    if (spare) {
      this.spares.delete(key);
      if (!spare.destroyed && spare.writable) {
        spare.ref();
        return spare;
      }
    }
    return (https.Agent.prototype as unknown as { createConnection: (o: unknown, c: unknown) => Socket }).createConnection.call(this, options, callback);
  }

  override destroy(): void {
    for (const spare of this.spares.values()) spare.destroy();
    this.spares.clear();
    super.destroy();
  }
}
