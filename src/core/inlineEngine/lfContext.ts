/** An editor context with `\n` line endings throughout, which is what the core works on. */
import type { InlineContext } from './inlineEngineTypes';
import { toLf } from './lineEndings';

/** The context with `\n` line endings throughout (the same object when it already has them). */
export function lfContext(context: InlineContext): InlineContext {
  if (context.eol !== '\r\n') return context;
  return {
    ...context,
    prefix: toLf(context.prefix, '\r\n'),
    suffix: toLf(context.suffix, '\r\n'),
    ...(context.selectedItem
      ? { selectedItem: { rangeText: toLf(context.selectedItem.rangeText, '\r\n'), text: toLf(context.selectedItem.text, '\r\n') } }
      : {}),
  };
}
