import { MAX_PRICE_FACTOR } from '../accounts/index.js';
import { productsErrors } from './products.errors.js';

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

/** The highest price published, in cents (R$ 10 million): anything above is a mistake, not a price. */
const MAX_PRICE_CENTS = 1_000_000_000;

/**
 * Marketplacer prices from an ANYMARKET price and the account's rule: price × priceFactor, then the
 * discount (PERCENT of it, or a VALUE off it), each rounded half up to whole cents.
 *
 * "ANYMARKET's price" is the SKU's own price (`sku.price`): ANYMARKET's transmission `price` already
 * carries a factor (the spec's canSave example: 527 × 1.5 = 790.5; the skumarketplace examples:
 * transmission price and discountPrice = sku price with the transmission's factor and discount), so
 * applying the account's factor to it would mark the price up twice. Where only the transmission
 * price is known (`/priceStock`), use `listingPriceFromTransmission`.
 *
 * INFERRED: a priceFactor of 0 is taken as "no markup" (1): ANYMARKET's own examples send 0 for
 * accounts without a factor, and a zero price would be absurd.
 *
 * Values that make no sense are never published: a price that is not above zero, a factor that is
 * negative or above MAX_PRICE_FACTOR, a discount that is negative or leaves nothing to pay (the
 * item would be free), a price above R$ 10 million. They throw ANYMARKET_VALUE_OUT_OF_RANGE with a
 * message for the seller, reported to ANYMARKET as the listing's error.
 */
export function listingPrice(anymarketPrice: number, rule: PriceRule): ListingPrice {
  if (!Number.isFinite(anymarketPrice) || anymarketPrice <= 0)
    throw productsErrors.valueOutOfRange(`Preço inválido (${anymarketPrice}): o SKU precisa de um preço maior que zero`);
  const factor = rule.priceFactor === 0 ? 1 : rule.priceFactor;
  if (!Number.isFinite(factor) || factor < 0 || factor > MAX_PRICE_FACTOR) {
    throw productsErrors.valueOutOfRange(`Fator de preço da conta inválido (${rule.priceFactor}): deve estar entre 0 e ${MAX_PRICE_FACTOR}`);
  }
  const priceCents = toCents(anymarketPrice * factor);
  if (priceCents <= 0 || priceCents > MAX_PRICE_CENTS) {
    throw productsErrors.valueOutOfRange(`Preço inválido (${formatCents(priceCents)}): deve ser maior que zero e no máximo ${formatCents(MAX_PRICE_CENTS)}`);
  }
  const saleCents = discounted(priceCents, rule);
  return { price: formatCents(priceCents), salePrice: saleCents < priceCents ? formatCents(saleCents) : null };
}

/** Prices from a transmission's `price`, which already includes the factor: only the discount is applied. */
export function listingPriceFromTransmission(transmissionPrice: number, rule: PriceRule): ListingPrice {
  return listingPrice(transmissionPrice, { ...rule, priceFactor: 1 });
}

function discounted(priceCents: number, rule: PriceRule): number {
  const value = rule.discountValue;
  const described = rule.discountType === 'PERCENT' ? `${value}%` : `R$ ${value}`;
  if (!Number.isFinite(value) || value < 0) throw productsErrors.valueOutOfRange(`Desconto da conta inválido (${described}): não pode ser negativo`);
  const sale = rule.discountType === 'PERCENT' ? roundHalfUp((priceCents * (100 - value)) / 100) : priceCents - toCents(value);
  if (sale <= 0) {
    throw productsErrors.valueOutOfRange(
      `O desconto da conta (${described}) deixa o preço de ${formatCents(priceCents)} sem valor a pagar: ajuste o desconto na configuração do módulo`,
    );
  }
  return sale;
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
