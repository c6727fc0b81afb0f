/**
 * Joins the endpoint's model list with the catalog by id. The endpoint decides what is
 * usable (when it answered, catalog-only models are dropped unless `keepCatalogOnly`); the
 * catalog adds provider, type, features and price.
 */
import { ModelInfo } from './modelInfo';

export interface MergeOptions {
  /** Keep models only the catalog lists. Default: true when the endpoint list is missing or empty. */
  keepCatalogOnly?: boolean;
}

function union(a: string[], b: string[]): string[] {
  return [...new Set([...a, ...b])];
}

export function mergeModels(endpoint: ModelInfo[] | undefined, catalog: ModelInfo[] | undefined, options: MergeOptions = {}): ModelInfo[] {
  const fromEndpoint = endpoint ?? [];
  const fromCatalog = catalog ?? [];
  const keepCatalogOnly = options.keepCatalogOnly ?? fromEndpoint.length === 0;
  const catalogById = new Map(fromCatalog.map((model) => [model.id, model]));
  const merged: ModelInfo[] = [];
  const seen = new Set<string>();
  for (const own of fromEndpoint) {
    if (seen.has(own.id)) continue;
    seen.add(own.id);
    const info = catalogById.get(own.id);
    if (!info) {
      merged.push({ ...own });
      continue;
    }
    merged.push({
      id: own.id,
      name: info.name ?? own.name,
      provider: info.provider ?? own.provider,
      modelType: info.modelType ?? own.modelType,
      features: union(info.features, own.features),
      endpoints: union(own.endpoints, info.endpoints),
      price: info.price ?? own.price,
      upcoming: info.upcoming,
      fromEndpoint: true,
      fromCatalog: true,
    });
  }
  if (keepCatalogOnly) {
    for (const info of fromCatalog) {
      if (seen.has(info.id)) continue;
      seen.add(info.id);
      merged.push({ ...info });
    }
  }
  return merged;
}
