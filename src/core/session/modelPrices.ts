/**
 * List prices of the models this extension is mostly used with, to estimate what a session
 * cost. US dollars per million tokens.
 *
 * Source: OpenAI's API pricing page (https://openai.com/api/pricing), legacy completion models,
 * as listed from 2024 to at least 2025-06 (PRICES_AS_OF); copied by hand, not fetched. A gateway
 * (CometAPI) or a local server bills differently: the tooltip says the estimate is at these list
 * prices, and gives none for a model not listed here.
 */
export const PRICES_AS_OF = '2025-06';

export interface TokenPrice {
  inputPerMTok: number;
  outputPerMTok: number;
}

const PRICES: Record<string, TokenPrice> = {
  'gpt-3.5-turbo-instruct': { inputPerMTok: 1.5, outputPerMTok: 2 },
  'gpt-3.5-turbo-instruct-0914': { inputPerMTok: 1.5, outputPerMTok: 2 },
  'davinci-002': { inputPerMTok: 2, outputPerMTok: 2 },
  'babbage-002': { inputPerMTok: 0.4, outputPerMTok: 0.4 },
};

/** The list price of a model (its name as sent, case ignored, an `openai/` prefix allowed), if known. */
export function priceOf(model: string): TokenPrice | undefined {
  const key = model.trim().toLowerCase().replace(/^openai\//, '');
  return Object.prototype.hasOwnProperty.call(PRICES, key) ? PRICES[key] : undefined;
}

/** Dollars for a token count at a price. */
export function costOf(price: TokenPrice, promptTokens: number, completionTokens: number): number {
  return (promptTokens * price.inputPerMTok + completionTokens * price.outputPerMTok) / 1_000_000;
}
