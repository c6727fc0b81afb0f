/**
 * For streaming callers (after Continue's line-stream transforms): given the text received so
 * far, is the rest of the answer certain to be thrown away? Then the request can be stopped
 * to save tokens and time. True when a stop sequence appeared (the server did not stop on it),
 * when `maxLines` lines have started, or when a complete line ended a repetition loop or left
 * the block (limitToBlockScope: a line outside it, or its closing line). The line still
 * arriving never decides. The same judgement as {@link StreamingPostprocessor}, which makes it
 * line by line as the text arrives; this asks it of a whole text at once.
 */
import type { PostprocessContext } from './postprocessContext';
import { StreamingPostprocessor } from './streamingPostprocessor';

export function shouldStopStream(context: PostprocessContext, textSoFar: string): boolean {
  return new StreamingPostprocessor(context).append(textSoFar);
}
