/**
 * The slice of the document sent around the cursor: a prefix window (text before the
 * cursor) and a suffix window (text after it), each within a character and a line budget.
 *
 * Cuts prefer line boundaries so the model never sees half a line at the window's far
 * edge: the prefix drops the partial line at its start, the suffix drops the partial line
 * at its end — unless that would leave nothing (one very long line), in which case the
 * raw character cut is kept. A cut never splits a UTF-16 surrogate pair.
 */
import { INLINE_DEFAULTS } from './inlineDefaults';

export interface PromptWindowBudget {
  maxPrefixChars: number;
  maxPrefixLines: number;
  maxSuffixChars: number;
  maxSuffixLines: number;
}

export interface PromptWindow {
  prefix: string;
  suffix: string;
  /** True when text before `prefix` was left out. */
  prefixCut: boolean;
  /** True when text after `suffix` was left out. */
  suffixCut: boolean;
}

export const DEFAULT_PROMPT_WINDOW_BUDGET: Readonly<PromptWindowBudget> = Object.freeze({
  maxPrefixChars: INLINE_DEFAULTS.maxPrefixChars,
  maxPrefixLines: INLINE_DEFAULTS.maxPrefixLines,
  maxSuffixChars: INLINE_DEFAULTS.maxSuffixChars,
  maxSuffixLines: INLINE_DEFAULTS.maxSuffixLines,
});

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}
function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}
function budget(value: number): number {
  return Number.isFinite(value) ? Math.max(0, Math.floor(value)) : 0;
}

/** The last `maxChars` characters / `maxLines` lines of `prefix`, cut at a line start when possible. */
export function cutPrefixWindow(prefix: string, maxChars: number, maxLines = Infinity): string {
  const chars = budget(maxChars);
  let text = prefix;
  if (text.length > chars) {
    text = text.slice(text.length - chars);
    const firstNewline = text.indexOf('\n');
    if (firstNewline >= 0 && firstNewline < text.length - 1) {
      text = text.slice(firstNewline + 1); // drop the partial first line
    } else if (text.length > 0 && isLowSurrogate(text.charCodeAt(0))) {
      text = text.slice(1); // raw cut: do not start with half a surrogate pair
    }
  }
  const lines = maxLines === Infinity ? Infinity : budget(maxLines);
  if (lines === 0) return '';
  if (lines !== Infinity) {
    // Keep the last `lines` lines: find the newline that starts them, scanning back.
    let index = text.length;
    for (let seen = 0; seen < lines; seen++) {
      // (lastIndexOf treats a negative start as 0, so stop explicitly at the beginning)
      index = index === 0 ? -1 : text.lastIndexOf('\n', index - 1);
      if (index < 0) break;
    }
    if (index >= 0) text = text.slice(index + 1);
  }
  return text;
}

/** The first `maxChars` characters / `maxLines` lines of `suffix`, cut at a line end when possible. */
export function cutSuffixWindow(suffix: string, maxChars: number, maxLines = Infinity): string {
  const chars = budget(maxChars);
  let text = suffix;
  if (text.length > chars) {
    text = text.slice(0, chars);
    const lastNewline = text.lastIndexOf('\n');
    if (lastNewline > 0) {
      text = text.slice(0, lastNewline); // drop the partial last line
    } else if (text.length > 0 && isHighSurrogate(text.charCodeAt(text.length - 1))) {
      text = text.slice(0, -1);
    }
  }
  const lines = maxLines === Infinity ? Infinity : budget(maxLines);
  if (lines === 0) return '';
  if (lines !== Infinity) {
    let index = -1;
    for (let seen = 0; seen < lines; seen++) {
      index = text.indexOf('\n', index + 1);
      if (index < 0) break;
    }
    if (index >= 0) text = text.slice(0, index);
  }
  return text;
}

/** Window around an already split prefix / suffix. */
export function promptWindowOf(
  prefix: string,
  suffix: string,
  windowBudget: PromptWindowBudget = DEFAULT_PROMPT_WINDOW_BUDGET,
): PromptWindow {
  const cutPrefix = cutPrefixWindow(prefix, windowBudget.maxPrefixChars, windowBudget.maxPrefixLines);
  const cutSuffix = cutSuffixWindow(suffix, windowBudget.maxSuffixChars, windowBudget.maxSuffixLines);
  return {
    prefix: cutPrefix,
    suffix: cutSuffix,
    prefixCut: cutPrefix.length < prefix.length,
    suffixCut: cutSuffix.length < suffix.length,
  };
}

/** Window around `offset` (clamped to the text) in a whole document. */
export function promptWindowAt(
  text: string,
  offset: number,
  windowBudget: PromptWindowBudget = DEFAULT_PROMPT_WINDOW_BUDGET,
): PromptWindow {
  const at = Math.min(Math.max(0, Math.floor(Number.isFinite(offset) ? offset : 0)), text.length);
  return promptWindowOf(text.slice(0, at), text.slice(at), windowBudget);
}
