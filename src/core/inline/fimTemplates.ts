/**
 * Fill-in-the-middle (FIM) prompt templates: how to ask a code model for the text between a
 * prefix and a suffix through the plain `prompt` field, and which special tokens end its answer.
 *
 * The setting value (`FimSetting`) picks a {@link PromptStrategy}:
 *  - a template id     → that template, whatever the model name;
 *  - `'auto'`          → the template whose pattern matches the model name; if none matches,
 *                        the API's `suffix` field when `useSuffixParam` is on, else prefix only;
 *  - `'suffixParam'`   → `prompt` = prefix, `suffix` = suffix (OpenAI-style insert mode);
 *  - `'none'`          → `prompt` = prefix only, no suffix sent at all.
 */

import type { ServerKind } from '../connection/serverKind';

export type FimTemplateId = 'qwen' | 'deepseek' | 'starcoder' | 'codellama' | 'codestral';
export type FimSetting = 'auto' | 'none' | 'suffixParam' | FimTemplateId;

export interface FimTemplate {
  id: FimTemplateId;
  /** Human-readable family name, for logs. */
  label: string;
  /** Matched case-insensitively against the model name by `'auto'`. */
  modelPattern: RegExp;
  /** Builds the `prompt` string. */
  render(prefix: string, suffix: string): string;
  /**
   * Tokens that end the middle part, most important first (only the first few survive the
   * 4-stop limit of the API; post-processing still cuts at all of them).
   */
  stops: readonly string[];
}

export type PromptStrategy =
  | { kind: 'template'; template: FimTemplate }
  | { kind: 'suffixParam' }
  | { kind: 'prefixOnly' };

const qwen: FimTemplate = {
  id: 'qwen',
  label: 'Qwen2.5-Coder',
  modelPattern: /qwen.*coder/i,
  render: (prefix, suffix) => `<|fim_prefix|>${prefix}<|fim_suffix|>${suffix}<|fim_middle|>`,
  stops: ['<|endoftext|>', '<|file_sep|>', '<|fim_pad|>', '<|repo_name|>', '<|fim_prefix|>', '<|im_end|>'],
};

const deepseek: FimTemplate = {
  id: 'deepseek',
  label: 'DeepSeek-Coder',
  modelPattern: /deepseek.*coder/i,
  render: (prefix, suffix) => `<｜fim▁begin｜>${prefix}<｜fim▁hole｜>${suffix}<｜fim▁end｜>`,
  stops: ['<｜end▁of▁sentence｜>', '<｜fim▁begin｜>', '<｜fim▁hole｜>', '<｜fim▁end｜>', '<|EOT|>'],
};

const starcoder: FimTemplate = {
  id: 'starcoder',
  label: 'StarCoder / StarCoder2',
  modelPattern: /starcoder/i,
  render: (prefix, suffix) => `<fim_prefix>${prefix}<fim_suffix>${suffix}<fim_middle>`,
  stops: ['<|endoftext|>', '<file_sep>', '<fim_prefix>', '<fim_suffix>', '<fim_middle>'],
};

const codellama: FimTemplate = {
  id: 'codellama',
  label: 'CodeLlama',
  modelPattern: /code-?llama/i,
  // The spaces around the prefix are part of CodeLlama's infilling format.
  render: (prefix, suffix) => `<PRE> ${prefix} <SUF>${suffix} <MID>`,
  stops: ['<EOT>', '</s>', '<PRE>', '<SUF>', '<MID>'],
};

const codestral: FimTemplate = {
  id: 'codestral',
  label: 'Codestral',
  modelPattern: /codestral/i,
  // Mistral's FIM puts the suffix first.
  render: (prefix, suffix) => `[SUFFIX]${suffix}[PREFIX]${prefix}`,
  stops: ['</s>', '[PREFIX]', '[SUFFIX]', '[MIDDLE]'],
};

/** All templates, in the order `'auto'` tries them. */
export const FIM_TEMPLATES: Readonly<Record<FimTemplateId, FimTemplate>> = Object.freeze({
  qwen,
  deepseek,
  starcoder,
  codellama,
  codestral,
});

export const FIM_SETTINGS: readonly FimSetting[] = Object.freeze([
  'auto',
  'none',
  'suffixParam',
  'qwen',
  'deepseek',
  'starcoder',
  'codellama',
  'codestral',
]);

const TEMPLATES_IN_ORDER: readonly FimTemplate[] = Object.values(FIM_TEMPLATES);

/**
 * Model name → its template (or none), remembered: every request asks again, for one or two
 * model names. Bounded in case model names come and go.
 */
const detected = new Map<string, FimTemplate | undefined>();
const MAX_DETECTED = 64;

/** The template whose pattern matches the model name, or undefined. */
export function detectFimTemplate(model: string): FimTemplate | undefined {
  if (detected.has(model)) return detected.get(model);
  const template = TEMPLATES_IN_ORDER.find((candidate) => candidate.modelPattern.test(model));
  if (detected.size >= MAX_DETECTED) detected.clear();
  detected.set(model, template);
  return template;
}

/** The one OpenAI model that takes `suffix` on the legacy route. */
const OPENAI_SUFFIX_MODEL = /^gpt-3\.5-turbo-instruct(-\d+)?$/i;

/**
 * How to put prefix and suffix into the request, from the setting, the model name and (for
 * `'auto'`) the server the base URL turned out to be (see `connection/serverKind.ts`):
 *  - Ollama applies the model's own template to `/v1/completions` (raw FIM tokens would land
 *    inside a chat turn), and does real FIM from `suffix` for models with the `insert`
 *    capability: `suffix` (a model without it refuses once; the client then drops `suffix`).
 *  - llama.cpp ignores `suffix` on this route, vLLM, TGI and LM Studio reject or ignore it:
 *    the model's template in `prompt`, never `suffix`.
 *  - OpenAI (and CometAPI passing it on) takes `suffix` only for gpt-3.5-turbo-instruct.
 *  - An unknown server: the template by model name, else `suffix` when `useSuffix` is on.
 * An explicit setting (a template, `suffixParam`, `none`) is always followed.
 */
export function resolvePromptStrategy(setting: FimSetting, model: string, useSuffixParam: boolean, server: ServerKind = 'unknown'): PromptStrategy {
  switch (setting) {
    case 'none':
      return { kind: 'prefixOnly' };
    case 'suffixParam':
      return { kind: 'suffixParam' };
    case 'auto': {
      if (server === 'ollama') return { kind: 'suffixParam' };
      if ((server === 'openai' || server === 'cometapi') && OPENAI_SUFFIX_MODEL.test(model)) return { kind: 'suffixParam' };
      const template = server === 'openai' ? undefined : detectFimTemplate(model);
      if (template) return { kind: 'template', template };
      if (server === 'unknown') return useSuffixParam ? { kind: 'suffixParam' } : { kind: 'prefixOnly' };
      return { kind: 'prefixOnly' };
    }
    default: {
      // An unknown value (a typo that slipped past validation) behaves like 'auto'.
      const template = Object.prototype.hasOwnProperty.call(FIM_TEMPLATES, setting) ? FIM_TEMPLATES[setting] : undefined;
      return template ? { kind: 'template', template } : resolvePromptStrategy('auto', model, useSuffixParam, server);
    }
  }
}

/** A short stable name for a strategy (`'template:qwen'`, `'suffixParam'`, `'prefixOnly'`), for logs and cache keys. */
export function promptStrategyName(strategy: PromptStrategy): string {
  return strategy.kind === 'template' ? `template:${strategy.template.id}` : strategy.kind;
}
