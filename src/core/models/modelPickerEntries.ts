/**
 * Orders the models for the picker and words each row: text-completion models first, then
 * chat models (which may not serve `/completions`), then the rest; the current model leads its
 * group. Each row's description carries the provider and the price.
 */
import { CompletionSupport, SupportOptions, completionSupport } from './completionSupport';
import { formatPrice } from './formatPrice';
import { ModelInfo } from './modelInfo';

export type ModelPickerEntry =
  | { kind: 'separator'; label: string; group: CompletionSupport }
  | {
      kind: 'model';
      id: string;
      /** The model id, as written to `cometComplete.model`. */
      label: string;
      /** "current · provider · price". */
      description: string;
      /** The display name, when it differs from the id. */
      detail?: string;
      group: CompletionSupport;
      current: boolean;
    };

export interface PickerOptions extends SupportOptions {
  currentModel?: string;
  /** Leave out models that are not text generation models (image, audio, embedding…). Default false. */
  hideOther?: boolean;
}

export const GROUP_LABELS: Record<CompletionSupport, string> = {
  completion: 'Text completion models (/completions)',
  chat: 'Chat models (may not serve /completions)',
  other: 'Not for text completion (image, audio, embedding…)',
};

const GROUP_ORDER: CompletionSupport[] = ['completion', 'chat', 'other'];

/** Models in picker order, each with its group. Stable: within a group the current model, then endpoint-listed ones, then by id. */
export function rankModels(models: ModelInfo[], options: PickerOptions = {}): Array<{ model: ModelInfo; group: CompletionSupport }> {
  const ranked = models
    .filter((model) => !model.upcoming || model.fromEndpoint)
    .map((model) => ({ model, group: completionSupport(model, options) }));
  const score = (entry: { model: ModelInfo; group: CompletionSupport }) => GROUP_ORDER.indexOf(entry.group);
  return ranked.sort(
    (a, b) =>
      score(a) - score(b) ||
      Number(b.model.id === options.currentModel) - Number(a.model.id === options.currentModel) ||
      Number(b.model.fromEndpoint) - Number(a.model.fromEndpoint) ||
      a.model.id.localeCompare(b.model.id, 'en'),
  );
}

export function describeModel(model: ModelInfo, current: boolean): string {
  const parts: string[] = [];
  if (current) parts.push('current');
  if (model.provider) parts.push(model.provider);
  const price = formatPrice(model.price);
  if (price) parts.push(price);
  return parts.join(' · ');
}

export function buildModelPickerEntries(models: ModelInfo[], options: PickerOptions = {}): ModelPickerEntry[] {
  const entries: ModelPickerEntry[] = [];
  let group: CompletionSupport | undefined;
  for (const { model, group: modelGroup } of rankModels(models, options)) {
    if (options.hideOther && modelGroup === 'other') continue;
    if (modelGroup !== group) {
      group = modelGroup;
      entries.push({ kind: 'separator', label: GROUP_LABELS[modelGroup], group: modelGroup });
    }
    const current = model.id === options.currentModel;
    entries.push({
      kind: 'model',
      id: model.id,
      label: model.id,
      description: describeModel(model, current),
      detail: model.name,
      group: modelGroup,
      current,
    });
  }
  return entries;
}
