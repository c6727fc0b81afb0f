/** Keeps at most `context.maxLines` lines (the cursor's line counts as the first). */
import type { PostprocessFilterFactory } from './postprocessContext';

export const limitLines: PostprocessFilterFactory = (context) => {
  const max = Math.max(1, Math.floor(context.maxLines) || 1);
  return (text) => {
    let end = -1;
    for (let line = 0; line < max; line++) {
      end = text.indexOf('\n', end + 1);
      if (end < 0) return text;
    }
    return text.slice(0, end);
  };
};
