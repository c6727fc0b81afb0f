/**
 * For streaming callers (after Continue's line-stream transforms): given the text received so
 * far, is the rest of the answer certain to be thrown away? Then the request can be aborted
 * to save tokens and time. Only complete lines (up to the last '\n') are judged, so a line
 * still arriving never triggers a stop. True when:
 *  - a stop sequence already appeared (the server did not stop on it);
 *  - more than `maxLines` lines have started;
 *  - limitToBlockScope or removeRepeatedLines already cut inside the complete lines.
 */
import { cutAtStops } from './cutAtStops';
import { limitToBlockScope } from './limitToBlockScope';
import type { PostprocessContext } from './postprocessContext';
import { removeRepeatedLines } from './removeRepeatedLines';

export function shouldStopStream(context: PostprocessContext, textSoFar: string): boolean {
  if (cutAtStops(context)(textSoFar).length < textSoFar.length) return true;
  const lastNewline = textSoFar.lastIndexOf('\n');
  if (lastNewline < 0) return false;
  let newlines = 0;
  for (let i = textSoFar.indexOf('\n'); i >= 0; i = textSoFar.indexOf('\n', i + 1)) newlines++;
  if (newlines >= Math.max(1, context.maxLines)) return true;
  const complete = textSoFar.slice(0, lastNewline);
  const visible = complete.trimEnd().length;
  if (limitToBlockScope(context)(complete).trimEnd().length < visible) return true;
  return removeRepeatedLines(context)(complete).trimEnd().length < visible;
}
