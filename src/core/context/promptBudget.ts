/**
 * One character budget for the whole prompt — prefix, suffix, other files' snippets and the
 * format's own tokens — spent in priority order: the current file always wins (the prefix
 * window first, then the suffix window, each within its own limits), then snippets by kind
 * ({@link CONTEXT_PRIORITY}) and, within a kind, in the order given. A snippet that does not
 * fit whole is cut to its first lines when at least `minSnippetLines` fit; otherwise it is
 * skipped and smaller ones after it may still go in.
 *
 * Characters, not tokens: the server's tokenizer is unknown here; for code a token is about
 * three to four characters, so the default 8000 characters is roughly 2000–2700 tokens.
 */
import { cutPrefixWindow, cutSuffixWindow, PromptWindow } from '../inline/promptWindow';
import type { ContextFormat, ContextMeta, RenderedPrompt } from './contextFormats';
import { CONTEXT_PRIORITY, ContextSnippet } from './contextTypes';

export interface PromptBudget {
  /** The whole prompt: `prompt` plus the API's `suffix`, in characters. */
  maxPromptChars: number;
  maxPrefixChars: number;
  maxPrefixLines: number;
  maxSuffixChars: number;
  maxSuffixLines: number;
}

export interface BudgetedPrompt extends RenderedPrompt {
  window: PromptWindow;
  /** The snippets that went in, in prompt order (some possibly cut). */
  chosen: ContextSnippet[];
}

/** `rendered` with its window and snippets (set, not spread: this runs on every request). */
function budgeted(rendered: RenderedPrompt, window: PromptWindow, chosen: ContextSnippet[]): BudgetedPrompt {
  const result: BudgetedPrompt = { prompt: rendered.prompt, window, chosen };
  if (rendered.suffix !== undefined) result.suffix = rendered.suffix;
  return result;
}

/** Characters sent: the prompt and the API's suffix. */
export function renderedChars(rendered: RenderedPrompt): number {
  return rendered.prompt.length + (rendered.suffix?.length ?? 0);
}

function linesOverlap(a: ContextSnippet, b: ContextSnippet): boolean {
  if (a.path !== b.path) return false;
  const aEnd = a.startLine + a.text.split('\n').length - 1;
  const bEnd = b.startLine + b.text.split('\n').length - 1;
  return a.startLine <= bEnd && b.startLine <= aEnd;
}

/** Candidates in budget order: by kind priority, then as given; duplicates and overlaps dropped. */
export function orderCandidates(candidates: readonly ContextSnippet[], window: PromptWindow): ContextSnippet[] {
  const ordered: ContextSnippet[] = [];
  for (const kind of CONTEXT_PRIORITY) {
    for (const candidate of candidates) {
      if (candidate.kind !== kind || candidate.text.trim() === '') continue;
      // Already in view: text the window carries anyway.
      if (window.prefix.includes(candidate.text) || window.suffix.includes(candidate.text)) continue;
      if (ordered.some((taken) => linesOverlap(taken, candidate) || taken.text.includes(candidate.text))) continue;
      ordered.push(candidate);
    }
  }
  return ordered;
}

/** `snippet` cut to its first lines so its piece fits `room` characters, or undefined. */
function shrinkToFit(
  snippet: ContextSnippet,
  room: number,
  format: ContextFormat,
  meta: ContextMeta,
  minLines: number,
): ContextSnippet | undefined {
  const lines = snippet.text.split('\n');
  let low = minLines;
  let high = lines.length - 1;
  let fit: ContextSnippet | undefined;
  while (low <= high) {
    const count = (low + high) >> 1;
    const cut = { ...snippet, text: lines.slice(0, count).join('\n') };
    if (format.piece(cut, meta).length <= room) {
      fit = cut;
      low = count + 1;
    } else high = count - 1;
  }
  return fit;
}

/**
 * What a format costs before any text: the characters of its own tokens, and whether it sends
 * the suffix at all. Without context every format carries the prefix and (when it sends one)
 * the suffix once, verbatim, so a prompt without snippets is exactly `bareChars` + the
 * prefix + the suffix sent (a property the tests check for every format).
 */
export interface FormatCost {
  bareChars: number;
  sendsSuffix: boolean;
}

export function formatCost(format: ContextFormat, meta: ContextMeta): FormatCost {
  const bareChars = renderedChars(format.render('', meta, '', ''));
  return { bareChars, sendsSuffix: renderedChars(format.render('', meta, '', 'x')) > bareChars };
}

/**
 * The prompt within `budget`. `cost`: the format's {@link formatCost}, when the caller has it
 * (a request builder remembers it per format).
 */
export function budgetPrompt(
  prefix: string,
  suffix: string,
  candidates: readonly ContextSnippet[],
  format: ContextFormat,
  meta: ContextMeta,
  budget: PromptBudget,
  minSnippetLines = 3,
  cost: FormatCost = formatCost(format, meta),
): BudgetedPrompt {
  const total = Math.max(0, Math.floor(budget.maxPromptChars));
  // 1. The current file: the format's bare cost, then prefix, then suffix (each suffix
  //    character counts only if the strategy sends the suffix at all).
  const prefixRoom = Math.min(budget.maxPrefixChars, Math.max(0, total - cost.bareChars));
  const windowPrefix = cutPrefixWindow(prefix, prefixRoom, budget.maxPrefixLines);
  const withPrefix = cost.bareChars + windowPrefix.length;
  const suffixRoom = cost.sendsSuffix ? Math.min(budget.maxSuffixChars, Math.max(0, total - withPrefix)) : budget.maxSuffixChars;
  const windowSuffix = cutSuffixWindow(suffix, suffixRoom, budget.maxSuffixLines);
  const window: PromptWindow = {
    prefix: windowPrefix,
    suffix: windowSuffix,
    prefixCut: windowPrefix.length < prefix.length,
    suffixCut: windowSuffix.length < suffix.length,
  };
  const plain = format.render('', meta, windowPrefix, windowSuffix);
  const chosen: ContextSnippet[] = [];
  if (candidates.length === 0) return budgeted(plain, window, chosen);

  // 2. Snippets, in priority order, in what is left.
  const lead = format.lead(meta);
  let used = renderedChars(format.render(lead, meta, windowPrefix, windowSuffix));
  for (const candidate of orderCandidates(candidates, window)) {
    const room = total - used;
    if (room <= 0) break;
    const piece = format.piece(candidate, meta);
    const taken = piece.length <= room ? candidate : shrinkToFit(candidate, room, format, meta, minSnippetLines);
    if (!taken) continue;
    chosen.push(taken);
    used += taken === candidate ? piece.length : format.piece(taken, meta).length;
  }
  // 3. Render; a format whose pieces do not simply add up loses its last snippets until it fits.
  while (chosen.length > 0) {
    const context = lead + chosen.map((snippet) => format.piece(snippet, meta)).join('');
    const rendered = format.render(context, meta, windowPrefix, windowSuffix);
    if (renderedChars(rendered) <= total) return budgeted(rendered, window, chosen);
    chosen.pop();
  }
  return budgeted(plain, window, chosen);
}
