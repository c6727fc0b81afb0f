/**
 * Complete Selection's prompt budget. With a selection the selection is the prompt, as chosen.
 * With none, the text before the cursor is the prompt: only its last `maxPrefixChars`
 * characters are sent (from the start of a line when one begins within the last tenth of the
 * budget), and with `useSuffix` only the first `maxSuffixChars` characters after it (up to the
 * end of a line likewise). What was left out is counted, so the output channel can say so.
 */
export interface SelectionPromptLimits {
  maxPrefixChars: number;
  maxSuffixChars: number;
}

export interface BudgetedSelectionPrompt {
  prompt: string;
  suffix: string | undefined;
  /** Characters of the text before the cursor that were not sent. */
  prefixCut: number;
  /** Characters of the text after the cursor that were not sent. */
  suffixCut: number;
}

/** The last `max` characters of `text`, starting at a line start when one is near the cut. */
export function keepTail(text: string, max: number): string {
  if (text.length <= max) return text;
  const tail = text.slice(text.length - max);
  const lineStart = tail.indexOf('\n') + 1;
  return lineStart > 0 && lineStart <= Math.ceil(max / 10) ? tail.slice(lineStart) : tail;
}

/** The first `max` characters of `text`, ending at a line end when one is near the cut. */
export function keepHead(text: string, max: number): string {
  if (text.length <= max) return text;
  const head = text.slice(0, max);
  const lineEnd = head.lastIndexOf('\n');
  return lineEnd >= 0 && head.length - lineEnd <= Math.ceil(max / 10) ? head.slice(0, lineEnd + 1) : head;
}

export function budgetSelectionPrompt(
  input: { selection?: string; before: string; after: string | undefined },
  limits: SelectionPromptLimits,
): BudgetedSelectionPrompt {
  const source = input.selection ?? input.before;
  const prompt = input.selection !== undefined ? source : keepTail(source, limits.maxPrefixChars);
  const suffix = input.after === undefined ? undefined : keepHead(input.after, limits.maxSuffixChars);
  return {
    prompt,
    suffix,
    prefixCut: source.length - prompt.length,
    suffixCut: input.after === undefined || suffix === undefined ? 0 : input.after.length - suffix.length,
  };
}
