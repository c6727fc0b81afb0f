/**
 * Reads the answer of `GET {baseUrl}/models`: the OpenAI shape `{"object":"list","data":[{"id","owned_by"}]}`,
 * and the variants servers send (a bare array, `{"models":[…]}`, entries that are plain strings or use
 * `name`/`model` instead of `id`). Unknown fields are ignored; entries without an id are skipped.
 */
import { ModelInfo } from './modelInfo';
import { isRecord } from '../json/isRecord';
import { entriesOf, stringList, text } from './parseFields';

/** The models, or undefined when the JSON is not a model list at all. */
export function parseModelList(json: unknown): ModelInfo[] | undefined {
  const entries = entriesOf(json);
  if (!entries) return undefined;
  const seen = new Set<string>();
  const models: ModelInfo[] = [];
  for (const entry of entries) {
    const model = parseEntry(entry);
    if (!model || seen.has(model.id)) continue;
    seen.add(model.id);
    models.push(model);
  }
  return models;
}

function parseEntry(entry: unknown): ModelInfo | undefined {
  if (typeof entry === 'string') {
    const id = text(entry);
    return id ? { id, features: [], endpoints: [], fromEndpoint: true, fromCatalog: false } : undefined;
  }
  if (!isRecord(entry)) return undefined;
  const id = text(entry.id) ?? text(entry.model) ?? text(entry.name);
  if (!id) return undefined;
  const name = text(entry.name);
  return {
    id,
    name: name && name !== id ? name : undefined,
    provider: text(entry.owned_by) ?? text(entry.provider),
    features: stringList(entry.features),
    // CometAPI and other new-api gateways list `supported_endpoint_types`.
    endpoints: [...new Set([...stringList(entry.supported_endpoint_types), ...stringList(entry.endpoints)])],
    fromEndpoint: true,
    fromCatalog: false,
  };
}
