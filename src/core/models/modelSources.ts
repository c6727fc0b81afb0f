/**
 * Where the picker's models come from and how they are loaded: the endpoint's own
 * `GET {baseUrl}/models` (with the key) and, when the endpoint is CometAPI, its public catalog
 * `GET https://api.cometapi.com/api/models` (without the key). Both are asked at once; either
 * may fail without the other being lost.
 */
import { joinBaseUrl } from '../endpoint/baseUrl';
import { fetchJson, FetchJsonOutcome } from './fetchJson';
import { mergeModels } from './mergeModels';
import { ModelInfo } from './modelInfo';
import { parseCometCatalog } from './parseCometCatalog';
import { parseModelList } from './parseModelList';

export const COMET_API_HOST = 'api.cometapi.com';
export const COMET_CATALOG_URL = 'https://api.cometapi.com/api/models';

/** `{baseUrl without trailing slash}/models`, or undefined when the base URL is not an http(s) URL. */
export function modelsUrl(baseUrl: string): string | undefined {
  const joined = joinBaseUrl(baseUrl, 'models');
  if ('problem' in joined) return undefined;
  joined.url.search = '';
  return joined.url.href;
}

/** The CometAPI catalog URL when the base URL's host is api.cometapi.com, else undefined. */
export function cometCatalogUrl(baseUrl: string): string | undefined {
  try {
    return new URL(baseUrl.trim()).hostname.toLowerCase() === COMET_API_HOST ? COMET_CATALOG_URL : undefined;
  } catch {
    return undefined;
  }
}

export interface LoadModelsConfig {
  baseUrl: string;
  apiKey?: string;
  timeoutMs: number;
  /** The catalog to consult (no key is sent there); default {@link cometCatalogUrl}(baseUrl). `null`: none. */
  catalogUrl?: string | null;
}

export interface LoadedModels {
  /** Endpoint models (enriched from the catalog), or the catalog's when the endpoint gave none. Empty when both failed. */
  models: ModelInfo[];
  /** Why a source gave nothing, one sentence each, key redacted. */
  problems: string[];
  /** The endpoint list answered (possibly empty). */
  endpointListed: boolean;
  /** The endpoint refused the key (401/403). */
  authFailed: boolean;
  aborted: boolean;
}

function parsed(outcome: FetchJsonOutcome, parse: (json: unknown) => ModelInfo[] | undefined, what: string): { models?: ModelInfo[]; problem?: string } {
  if (!outcome.ok) return { problem: outcome.reason };
  const models = parse(outcome.json);
  if (!models) return { problem: `${what} is not a list of models.` };
  return { models };
}

export async function loadModels(config: LoadModelsConfig, signal?: AbortSignal): Promise<LoadedModels> {
  const listUrl = modelsUrl(config.baseUrl);
  const catalogUrl = config.catalogUrl === undefined ? cometCatalogUrl(config.baseUrl) : config.catalogUrl ?? undefined;
  const [own, catalog] = await Promise.all([
    listUrl ? fetchJson(listUrl, { apiKey: config.apiKey, timeoutMs: config.timeoutMs, signal }) : undefined,
    catalogUrl ? fetchJson(catalogUrl, { timeoutMs: config.timeoutMs, signal }) : undefined,
  ]);
  const problems: string[] = [];
  const aborted = Boolean((own && !own.ok && own.failure === 'aborted') || (catalog && !catalog.ok && catalog.failure === 'aborted'));

  let endpointModels: ModelInfo[] | undefined;
  if (!listUrl) problems.push(`The base URL “${config.baseUrl}” is not an http(s) URL.`);
  else if (own) {
    const result = parsed(own, parseModelList, `The answer of GET ${listUrl}`);
    endpointModels = result.models;
    if (result.problem) problems.push(result.problem);
  }
  let catalogModels: ModelInfo[] | undefined;
  if (catalog) {
    const result = parsed(catalog, parseCometCatalog, 'The CometAPI catalog');
    catalogModels = result.models;
    if (result.problem) problems.push(`Catalog: ${result.problem}`);
  }
  const authFailed = Boolean(own && !own.ok && own.failure === 'auth');
  // When the key was refused, the catalog's models are still worth offering.
  const models = mergeModels(endpointModels, catalogModels, { keepCatalogOnly: !endpointModels || endpointModels.length === 0 });
  return { models, problems, endpointListed: endpointModels !== undefined, authFailed, aborted };
}
