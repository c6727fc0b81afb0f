/**
 * A model's price as a short text for the picker: "$0.24 / $0.96 per 1M tokens",
 * "$0.008 per request", "$0.10 per second". Undefined when nothing is known.
 */
import { ModelPrice } from './modelInfo';

/** Dollars with enough digits to tell cheap models apart: $3, $0.15, $0.0375, $0.0001. */
export function formatDollars(amount: number): string {
  if (!Number.isFinite(amount) || amount < 0) return '?';
  if (amount === 0) return '$0';
  if (amount >= 100) return `$${Math.round(amount)}`;
  if (amount >= 1) return `$${trim(amount.toFixed(2))}`;
  // Two significant digits below $1, at least two decimals.
  const digits = Math.max(2, Math.min(8, 1 - Math.floor(Math.log10(amount))));
  return `$${trim(amount.toFixed(digits))}`;
}

function trim(fixed: string): string {
  return fixed.includes('.') ? fixed.replace(/0+$/, '').replace(/\.$/, '') : fixed;
}

export function formatPrice(price: ModelPrice | undefined): string | undefined {
  if (!price) return undefined;
  const { inputPerMTok: input, outputPerMTok: output } = price;
  if (input !== undefined && output !== undefined) return `${formatDollars(input)} in / ${formatDollars(output)} out per 1M tokens`;
  if (input !== undefined) return `${formatDollars(input)} in per 1M tokens`;
  if (output !== undefined) return `${formatDollars(output)} out per 1M tokens`;
  if (price.perRequest !== undefined) return `${formatDollars(price.perRequest)} per request`;
  if (price.perSecond !== undefined) return `${formatDollars(price.perSecond)} per second`;
  return undefined;
}
