/** What one HTTP exchange looks like to the completion client, whatever carries it (HTTP/1.1 or HTTP/2). */

export interface HttpRequestOptions {
  method: 'POST' | 'GET';
  headers: Record<string, string>;
  body?: string;
  /** Aborting ends the exchange at once (HTTP/1.1: the connection closes; HTTP/2: the stream is reset). */
  signal: AbortSignal;
  /** Called once the connection is usable (for https: after the TLS handshake); at once for a reused connection. */
  onConnected?: () => void;
}

export type BodyRead = { done: true; value?: undefined } | { done: false; value: Uint8Array };

/** The response body, one chunk at a time. */
export interface BodyReader {
  /** The next chunk, or done at the end; rejects when the connection breaks. One read at a time. */
  read(): Promise<BodyRead>;
  /** Stops reading and ends the exchange (HTTP/1.1: closes the connection; HTTP/2: resets the stream). Never rejects. */
  cancel(): Promise<void>;
}

export interface HttpResponse {
  status: number;
  ok: boolean;
  /** `get(name)` is case-insensitive; repeated headers are joined with ", ". */
  headers: { get(name: string): string | null };
  body: BodyReader;
}

export function abortError(): Error {
  return Object.assign(new Error('The request was aborted.'), { name: 'AbortError', code: 'ABORT_ERR' });
}

export function connectionReset(message: string): Error {
  return Object.assign(new Error(message), { code: 'ECONNRESET' });
}

/** Response headers as Node gives them (HTTP/1.1 and HTTP/2 alike), read case-insensitively. */
export function headerReader(headers: Record<string, string | string[] | number | undefined>): HttpResponse['headers'] {
  return {
    get(name: string): string | null {
      const value = headers[name.toLowerCase()];
      if (value === undefined) return null;
      return Array.isArray(value) ? value.join(', ') : String(value);
    },
  };
}
