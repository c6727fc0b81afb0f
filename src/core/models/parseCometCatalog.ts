/**
 * Reads CometAPI's public catalog (`GET https://api.cometapi.com/api/models`, no key). Its records
 * carry `id`, `name`, `provider`, `model_type`, `features`, `endpoints` and `pricing`
 * (`input`/`output` in USD per million tokens, an optional discount `ratio`, or `per_request`/`per_second`).
 * The exact shape is not guaranteed, so every field is optional: `{data:[…]}` or a bare array,
 * missing or odd fields, non-finite prices — all tolerated.
 */
import { ModelInfo, ModelPrice } from './modelInfo';
import { isRecord } from '../json/isRecord';
import { entriesOf, finiteNumber, stringList, text } from './parseFields';

/** The catalog's models, or undefined when the JSON is not a list of models. */
export function parseCometCatalog(json: unknown): ModelInfo[] | undefined {
  const entries = entriesOf(json);
  if (!entries) return undefined;
  const seen = new Set<string>();
  const models: ModelInfo[] = [];
  for (const entry of entries) {
    const model = parseRecord(entry);
    if (!model || seen.has(model.id)) continue;
    seen.add(model.id);
    models.push(model);
  }
  return models;
}

function parseRecord(entry: unknown): ModelInfo | undefined {
  if (!isRecord(entry)) return undefined;
  const id = text(entry.id) ?? text(entry.model) ?? text(entry.code) ?? text(entry.model_name);
  if (!id) return undefined;
  const name = text(entry.name) ?? text(entry.display_name);
  const upcoming = entry.upcoming === true || entry.upcoming === 1 || entry.upcoming === 'true';
  return {
    id,
    name: name && name.toLowerCase() !== id.toLowerCase() ? name : undefined,
    provider: text(entry.provider) ?? text(entry.provider_name) ?? text(entry.owned_by) ?? text(entry.owner_by),
    modelType: text(entry.model_type)?.toLowerCase() ?? text(entry.type)?.toLowerCase(),
    features: stringList(entry.features),
    endpoints: [...new Set([...stringList(entry.endpoints), ...stringList(entry.supported_endpoint_types)])],
    price: parsePricing(entry.pricing ?? entry.price),
    upcoming: upcoming || undefined,
    fromEndpoint: false,
    fromCatalog: true,
  };
}

/** A positive finite number, else undefined: 0, negatives, NaN and Infinity are no price. */
function price(value: unknown): number | undefined {
  const n = finiteNumber(value);
  return n !== undefined && n > 0 ? n : undefined;
}

/**
 * `{input, output, ratio?, per_request?, per_second?}` (also `prompt`/`completion` and
 * `input_price`/`output_price`). With a valid `ratio` (0 < ratio ≤ 10) token prices are multiplied
 * by it: that is what CometAPI charges.
 */
export function parsePricing(value: unknown): ModelPrice | undefined {
  if (!isRecord(value)) return undefined;
  const ratioValue = finiteNumber(value.ratio);
  const ratio = ratioValue !== undefined && ratioValue > 0 && ratioValue <= 10 ? ratioValue : 1;
  const scaled = (n: number | undefined) => (n === undefined ? undefined : roundPrice(n * ratio));
  const result: ModelPrice = {
    inputPerMTok: scaled(price(value.input) ?? price(value.input_price) ?? price(value.prompt)),
    outputPerMTok: scaled(price(value.output) ?? price(value.output_price) ?? price(value.completion)),
    perRequest: scaled(price(value.per_request)),
    perSecond: scaled(price(value.per_second)),
  };
  for (const key of Object.keys(result) as Array<keyof ModelPrice>) if (result[key] === undefined) delete result[key];
  return Object.keys(result).length > 0 ? result : undefined;
}

/** 0.24000000000000002 → 0.24. */
function roundPrice(n: number): number {
  return Number(n.toPrecision(6));
}
