/** The account's price rule (its saveAccount settings). */
export interface PriceRule {
  priceFactor: number;
  discountType: 'PERCENT' | 'VALUE';
  discountValue: number;
}

/** A variant's prices as Marketplacer takes them: decimal strings in whole cents (OPERATOR-API-NOTES §6). */
export interface ListingPrice {
  /** The list ("de") price: ANYMARKET's price times the factor. */
  price: string;
  /** The discounted ("por") price, or null when the discount takes nothing off (clears a previous sale price). */
  salePrice: string | null;
}

/**
 * Marketplacer prices from an ANYMARKET price and the account's rule: price × priceFactor, then the
 * discount (PERCENT of it, or a VALUE off it), each rounded half up to whole cents, never negative.
 *
 * "ANYMARKET's price" is the SKU's own price (`sku.price`): ANYMARKET's transmission `price` already
 * carries a factor (the spec's canSave example: 527 × 1.5 = 790.5; the skumarketplace examples:
 * transmission price and discountPrice = sku price with the transmission's factor and discount), so
 * applying the account's factor to it would mark the price up twice. Where only the transmission
 * price is known (`/priceStock`), use `listingPriceFromTransmission`.
 *
 * INFERRED: a priceFactor of 0 (or anything not a positive number) is taken as "no markup" (1):
 * ANYMARKET's own examples send 0 for accounts without a factor, and a zero price would be absurd.
 */
export function listingPrice(anymarketPrice: number, rule: PriceRule): ListingPrice {
  const factor = Number.isFinite(rule.priceFactor) && rule.priceFactor > 0 ? rule.priceFactor : 1;
  const base = Number.isFinite(anymarketPrice) ? anymarketPrice : 0;
  const priceCents = Math.max(0, toCents(base * factor));
  const saleCents = Math.max(0, discounted(priceCents, rule));
  return { price: formatCents(priceCents), salePrice: saleCents < priceCents ? formatCents(saleCents) : null };
}

/** Prices from a transmission's `price`, which already includes the factor: only the discount is applied. */
export function listingPriceFromTransmission(transmissionPrice: number, rule: PriceRule): ListingPrice {
  return listingPrice(transmissionPrice, { ...rule, priceFactor: 1 });
}

function discounted(priceCents: number, rule: PriceRule): number {
  const value = Number.isFinite(rule.discountValue) ? Math.max(0, rule.discountValue) : 0;
  if (value === 0) return priceCents;
  if (rule.discountType === 'PERCENT') return roundHalfUp((priceCents * (100 - Math.min(value, 100))) / 100);
  return priceCents - toCents(value);
}

/** Whole cents of an amount in currency units, half up, without binary-float noise (1.005 → 101). */
export function toCents(amount: number): number {
  return roundHalfUp(amount * 100);
}

function roundHalfUp(value: number): number {
  // toPrecision(12) drops the float noise (100.49999999999999 → 100.5) before rounding.
  return Math.round(Number(value.toPrecision(12)));
}

export function formatCents(cents: number): string {
  const whole = Math.trunc(cents / 100);
  return `${whole}.${String(Math.abs(cents % 100)).padStart(2, '0')}`;
}
