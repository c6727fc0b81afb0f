/**
 * Whether the document's stream may serve a call's position: the same settings and the same
 * text after the cursor, a prefix that only typed on from (or backspaced to) the stream's own,
 * and for an explicit trigger only an explicit request still coming in at the same position.
 * Returns what the call typed after the stream's position, or undefined when the stream cannot
 * serve it. Pure.
 */
import { INLINE_DEFAULTS } from '../inline/inlineDefaults';
import type { InlineContext } from './inlineEngineTypes';
import type { LiveCompletion } from './liveCompletion';
import { typedSince } from './typedSince';

export function streamTypedThrough(
  live: LiveCompletion,
  effectivePrefix: string,
  fingerprint: string,
  context: InlineContext,
  limits: { liveTypedMaxChars: number; anchorChars: number },
): string | undefined {
  if (live.fingerprint !== fingerprint) return undefined;
  if (context.suffix.slice(0, INLINE_DEFAULTS.cacheKeySuffixChars) !== live.suffixHead) return undefined;
  const typed = typedSince(live.plan.effectivePrefix, effectivePrefix, limits.liveTypedMaxChars, limits.anchorChars);
  if (typed === undefined) return undefined;
  // An explicit trigger wants fresh candidates: only an explicit request still coming in will do.
  if (context.explicit && !(live.explicit && live.streaming && typed === '')) return undefined;
  return typed;
}
