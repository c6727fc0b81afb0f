/**
 * One request as a stream of an HTTP/2 session (Node's `http2`). Aborting or cancelling resets
 * the stream (RST_STREAM, CANCEL): the server stops generating and the connection stays open
 * for the next request, unlike HTTP/1.1 where the only way to stop a response is to close the
 * connection. Redirects are never followed; the body is read with backpressure.
 */
import * as http2 from 'node:http2';
import { StreamBodyReader } from './streamBodyReader';
import { abortError, connectionReset, headerReader, HttpRequestOptions, HttpResponse } from './transportTypes';

const CANCEL = http2.constants.NGHTTP2_CANCEL;

/** Headers HTTP/2 forbids (connection-specific) or sets itself. */
const DROPPED = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade', 'host']);

/**
 * Sends `options` on `session` and resolves once the response headers arrived. Rejects with the
 * stream's error when no response came, or with an `AbortError` when the signal aborted first.
 * `onConnected` is called at once: the session is already connected. `onStreamClosed`: the
 * stream is over (response read, reset, or failed).
 */
export function sendHttp2Request(
  session: http2.ClientHttp2Session,
  url: URL,
  options: HttpRequestOptions,
  onStreamClosed?: () => void,
): Promise<HttpResponse> {
  return new Promise((resolve, reject) => {
    if (options.signal.aborted) {
      reject(abortError());
      return;
    }
    const headers: http2.OutgoingHttpHeaders = { ':method': options.method, ':path': `${url.pathname}${url.search}` };
    for (const [name, value] of Object.entries(options.headers)) {
      const lower = name.toLowerCase();
      if (!DROPPED.has(lower)) headers[lower] = value;
    }
    if (options.body !== undefined) headers['content-length'] = Buffer.byteLength(options.body);
    let settled = false;
    let reader: StreamBodyReader | undefined;
    let stream: http2.ClientHttp2Stream;
    try {
      stream = session.request(headers, { endStream: options.body === undefined });
    } catch (error) {
      reject(error);
      return;
    }
    options.onConnected?.();

    const onAbort = (): void => {
      reader?.fail(connectionReset('the request was aborted'));
      if (!stream.closed) stream.close(CANCEL);
      if (!settled) {
        settled = true;
        reject(abortError());
      }
    };
    options.signal.addEventListener('abort', onAbort, { once: true });
    stream.once('close', () => {
      options.signal.removeEventListener('abort', onAbort);
      onStreamClosed?.();
      // A reset ends the readable side as if the body were complete: say it was cut off.
      if (stream.rstCode !== undefined && stream.rstCode !== http2.constants.NGHTTP2_NO_ERROR) {
        reader?.fail(connectionReset(`the HTTP/2 stream was reset (code ${stream.rstCode}) before the response ended`));
      }
      if (!settled) {
        settled = true;
        reject(streamClosedError(stream));
      }
    });
    stream.once('response', (responseHeaders) => {
      if (settled) {
        if (!stream.closed) stream.close(CANCEL);
        return;
      }
      settled = true;
      const status = Number(responseHeaders[':status'] ?? 0);
      reader = new StreamBodyReader(stream, () => false, () => {
        if (!stream.closed) stream.close(CANCEL);
      });
      resolve({ status, ok: status >= 200 && status < 300, headers: headerReader(responseHeaders), body: reader });
    });
    stream.on('error', (error) => {
      if (settled) return;
      settled = true;
      reject(error);
    });
    if (options.body !== undefined) stream.end(options.body);
  });
}

/** Why a stream closed before its response headers: the server reset it, or the session went away. */
function streamClosedError(stream: http2.ClientHttp2Stream): Error {
  return Object.assign(new Error(`the HTTP/2 stream closed before the response (code ${stream.rstCode})`), { code: 'ECONNRESET' });
}
