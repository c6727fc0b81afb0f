/**
 * How other files' snippets go into the prompt, per prompt strategy:
 *
 *  - Qwen2.5-Coder (its repository-level FIM format, from the Qwen2.5-Coder report):
 *    `<|repo_name|>{repo}\n<|file_sep|>{path}\n{code}\n … <|file_sep|>{current path}\n<|fim_prefix|>…`
 *  - StarCoder2 (repository-level FIM, StarCoder 2 paper §5.1):
 *    `<repo_name>{repo}<file_sep>{path}\n{code}…<file_sep><fim_prefix>{current path}\n{prefix}<fim_suffix>…`
 *  - DeepSeek-Coder (no repository tokens; its repository-level examples put each file's path
 *    in a comment before its code): the files, then the current file's path comment, all
 *    inside `<｜fim▁begin｜>`.
 *  - Codestral (Mistral FIM; Continue's multi-file template): `+++++ {path}\n{code}` blocks
 *    before `+++++ {current path}\n{prefix}`, all in `[PREFIX]`.
 *  - Everything else (CodeLlama, the API's `suffix`, prefix only): each snippet as a comment
 *    in the file's own comment syntax, headed by its path, before the prefix (as Copilot).
 *
 * A format is three pieces so the budget can count exactly: `lead` (once, when any snippet
 * goes in), one `piece` per snippet, and `render`, which puts lead + pieces, the current
 * file's marker, prefix and suffix together. Without snippets `render` gives exactly the
 * prompt the strategy gives without context.
 */
import type { PromptStrategy } from '../inline/fimTemplates';
import { asComment, commentSyntaxFor } from './commentSyntax';
import type { ContextSnippet } from './contextTypes';

export interface ContextMeta {
  repoName: string;
  currentPath: string;
  languageId: string;
}

export interface RenderedPrompt {
  prompt: string;
  /** The API's `suffix` field (suffix-param strategy only). */
  suffix?: string;
}

export interface ContextFormat {
  /** For logs and tests. */
  id: 'qwenRepo' | 'starcoderRepo' | 'deepseekFiles' | 'codestralFiles' | 'comments';
  lead(meta: ContextMeta): string;
  piece(snippet: ContextSnippet, meta: ContextMeta): string;
  /** `context` is lead + pieces, or '' when no snippet goes in. */
  render(context: string, meta: ContextMeta, prefix: string, suffix: string): RenderedPrompt;
}

function withNewline(text: string): string {
  return text.endsWith('\n') ? text : text + '\n';
}

const qwenRepo: ContextFormat = {
  id: 'qwenRepo',
  lead: (meta) => `<|repo_name|>${meta.repoName}\n`,
  piece: (snippet) => `<|file_sep|>${snippet.path}\n${withNewline(snippet.text)}`,
  render: (context, meta, prefix, suffix) => ({
    prompt:
      (context === '' ? '' : `${context}<|file_sep|>${meta.currentPath}\n`) +
      `<|fim_prefix|>${prefix}<|fim_suffix|>${suffix}<|fim_middle|>`,
  }),
};

const starcoderRepo: ContextFormat = {
  id: 'starcoderRepo',
  lead: (meta) => `<repo_name>${meta.repoName}`,
  piece: (snippet) => `<file_sep>${snippet.path}\n${snippet.text}`,
  render: (context, meta, prefix, suffix) => ({
    prompt:
      context === ''
        ? `<fim_prefix>${prefix}<fim_suffix>${suffix}<fim_middle>`
        : `${context}<file_sep><fim_prefix>${meta.currentPath}\n${prefix}<fim_suffix>${suffix}<fim_middle>`,
  }),
};

/** The path comment DeepSeek's repository examples use (`# utils.py`), in the file's syntax (`//` when it has none). */
function pathComment(path: string, languageId: string): string {
  return asComment(path, commentSyntaxFor(languageId) ?? { line: '//' });
}

const deepseekFiles: ContextFormat = {
  id: 'deepseekFiles',
  lead: () => '',
  piece: (snippet, meta) => pathComment(snippet.path, meta.languageId) + withNewline(snippet.text),
  render: (context, meta, prefix, suffix) => ({
    prompt:
      `<｜fim▁begin｜>` +
      (context === '' ? '' : context + pathComment(meta.currentPath, meta.languageId)) +
      `${prefix}<｜fim▁hole｜>${suffix}<｜fim▁end｜>`,
  }),
};

const codestralFiles: ContextFormat = {
  id: 'codestralFiles',
  lead: () => '',
  piece: (snippet) => `+++++ ${snippet.path}\n${withNewline(snippet.text)}\n`,
  render: (context, meta, prefix, suffix) => ({
    prompt: `[SUFFIX]${suffix}[PREFIX]` + (context === '' ? '' : `${context}+++++ ${meta.currentPath}\n`) + prefix,
  }),
};

/** Comments before the prefix; how prefix and suffix go out follows the strategy. */
function commentsFor(strategy: PromptStrategy): ContextFormat {
  return {
    id: 'comments',
    lead: () => '',
    piece: (snippet, meta) => {
      const syntax = commentSyntaxFor(meta.languageId) ?? { line: '//' };
      return asComment(`Path: ${snippet.path}\n${snippet.text.replace(/\n+$/, '')}`, syntax) + '\n';
    },
    render: (context, meta, prefix, suffix) => {
      const syntax = commentSyntaxFor(meta.languageId) ?? { line: '//' };
      const before = context === '' ? '' : context + asComment(`Path: ${meta.currentPath}`, syntax);
      if (strategy.kind === 'template') return { prompt: strategy.template.render(before + prefix, suffix) };
      if (strategy.kind === 'suffixParam') return suffix !== '' ? { prompt: before + prefix, suffix } : { prompt: before + prefix };
      return { prompt: before + prefix };
    },
  };
}

/** The format for a strategy. */
export function contextFormatFor(strategy: PromptStrategy): ContextFormat {
  if (strategy.kind === 'template') {
    switch (strategy.template.id) {
      case 'qwen':
        return qwenRepo;
      case 'starcoder':
        return starcoderRepo;
      case 'deepseek':
        return deepseekFiles;
      case 'codestral':
        return codestralFiles;
      default:
        break;
    }
  }
  return commentsFor(strategy);
}

/** Whether snippets can go into a prompt for this language and strategy (comment formats need a comment syntax). */
export function canCarryContext(strategy: PromptStrategy, languageId: string): boolean {
  return contextFormatFor(strategy).id !== 'comments' || commentSyntaxFor(languageId) !== undefined;
}
