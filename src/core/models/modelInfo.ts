/**
 * One model as the picker knows it, merged from the endpoint's `GET /models` list and (for
 * CometAPI) its public catalog. Every field but `id` is optional: sources differ and are
 * parsed defensively.
 */

/** Prices in US dollars. Token prices are per million tokens. */
export interface ModelPrice {
  inputPerMTok?: number;
  outputPerMTok?: number;
  perRequest?: number;
  perSecond?: number;
}

export interface ModelInfo {
  id: string;
  /** Display name, when the source gives one that differs from the id. */
  name?: string;
  /** Provider or owner (`provider` in the catalog, `owned_by` in `/models`). */
  provider?: string;
  /** The catalog's `model_type` (a family such as "claude", or "image", "video", …). */
  modelType?: string;
  /** The catalog's `features`, lower-cased (e.g. "text-to-text"). */
  features: string[];
  /** Routes or endpoint kinds the source says the model serves, lower-cased (e.g. "/v1/chat/completions"). */
  endpoints: string[];
  price?: ModelPrice;
  /** Announced but not yet served. */
  upcoming?: boolean;
  /** Listed by the endpoint's own `GET /models` (so usable with this key). */
  fromEndpoint: boolean;
  /** Listed by the CometAPI catalog. */
  fromCatalog: boolean;
}
