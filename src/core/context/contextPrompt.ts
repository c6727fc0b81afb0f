/**
 * The prompt with workspace context: gathers the snapshot's candidates (definitions and
 * recent edits as given, similar windows of open editors and recently viewed files ranked
 * here), drops the sources the user turned off, and spends the one budget on them
 * (promptBudget.ts) in the strategy's format (contextFormats.ts). Pure.
 */
import type { PromptStrategy } from '../inline/fimTemplates';
import { canCarryContext, ContextFormat, contextFormatFor } from './contextFormats';
import type { ContextSnippet, ContextSourceSwitches, ContextUsage, WorkspaceContextSnapshot } from './contextTypes';
import { budgetPrompt, BudgetedPrompt, FormatCost, PromptBudget } from './promptBudget';
import { rankSimilarSnippets, SimilarSnippetOptions } from './similarSnippets';

export const ALL_CONTEXT_SOURCES: Readonly<ContextSourceSwitches> = Object.freeze({
  definitions: true,
  recentFiles: true,
  openEditors: true,
});

export function sourceAllowed(kind: ContextSnippet['kind'], switches: ContextSourceSwitches): boolean {
  switch (kind) {
    case 'definition':
      return switches.definitions;
    case 'recentEdit':
    case 'recentView':
      return switches.recentFiles;
    case 'openEditor':
      return switches.openEditors;
  }
}

export interface ContextPromptInput {
  strategy: PromptStrategy;
  languageId: string;
  prefix: string;
  suffix: string;
  budget: PromptBudget;
  workspace?: WorkspaceContextSnapshot;
  switches?: ContextSourceSwitches;
  similar?: Partial<SimilarSnippetOptions>;
  /** The strategy's format and its cost, when the caller remembers them (requestShape.ts). */
  format?: { format: ContextFormat; cost: FormatCost };
}

export interface ContextPrompt extends BudgetedPrompt {
  /** Paths and character counts of the snippets sent (never their text), for the log. */
  used: ContextUsage[];
}

/** All candidates of a snapshot allowed by `switches`, before the budget. */
export function contextCandidates(
  workspace: WorkspaceContextSnapshot,
  prefix: string,
  switches: ContextSourceSwitches = ALL_CONTEXT_SOURCES,
  similar: Partial<SimilarSnippetOptions> = {},
): ContextSnippet[] {
  const given = workspace.snippets().filter((snippet) => sourceAllowed(snippet.kind, switches));
  const documents = workspace
    .documents()
    .filter((document) => sourceAllowed(document.kind, switches) && document.path !== workspace.currentPath);
  const ranked = documents.length > 0 ? rankSimilarSnippets(prefix, documents, similar) : [];
  return [...given, ...ranked.map(({ score: _score, ...snippet }) => snippet)];
}

export function composeContextPrompt(input: ContextPromptInput): ContextPrompt {
  const meta = {
    repoName: input.workspace?.repoName ?? '',
    currentPath: input.workspace?.currentPath ?? '',
    languageId: input.languageId,
  };
  const carries = input.workspace !== undefined && canCarryContext(input.strategy, input.languageId);
  const candidates = carries && input.workspace ? contextCandidates(input.workspace, input.prefix, input.switches, input.similar) : [];
  const format = input.format?.format ?? contextFormatFor(input.strategy);
  const result = budgetPrompt(input.prefix, input.suffix, candidates, format, meta, input.budget, undefined, input.format?.cost);
  // budgetPrompt's result is a fresh object: it takes `used` as it is (no copy, this runs on every request).
  const prompt = result as ContextPrompt;
  prompt.used = result.chosen.length === 0 ? [] : result.chosen.map((snippet) => ({ kind: snippet.kind, path: snippet.path, chars: snippet.text.length }));
  return prompt;
}
