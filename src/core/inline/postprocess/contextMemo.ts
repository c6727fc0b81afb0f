/**
 * What a post-processing step derives from a request's context alone, worked out once per
 * context object and shared by every pipeline and streaming view built for it (the engine's
 * streaming view and its final pass, or a caller's second `createPostprocessor`). A context
 * is not changed after it was made (createPostprocessContext), so this is only a cache.
 */
import type { PostprocessContext } from './postprocessContext';

export function memoizedPerContext<T>(derive: (context: PostprocessContext) => T): (context: PostprocessContext) => T {
  const known = new WeakMap<PostprocessContext, { value: T }>();
  return (context) => {
    let entry = known.get(context);
    if (!entry) known.set(context, (entry = { value: derive(context) }));
    return entry.value;
  };
}
