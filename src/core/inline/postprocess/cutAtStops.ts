/**
 * Cuts the text at the first stop sequence it contains. The server normally does this, but
 * only 4 stops fit in a request and some servers ignore `stop` or return special tokens as
 * text; the context lists every stop the request meant to use.
 */
import type { PostprocessFilterFactory } from './postprocessContext';

export const cutAtStops: PostprocessFilterFactory = (context) => (text) => {
  let end = text.length;
  for (const stop of context.stops) {
    if (stop === '') continue;
    const at = text.indexOf(stop);
    if (at >= 0 && at < end) end = at;
  }
  return text.slice(0, end);
};
