import type { ActiveAnymarketAccount } from '../accounts/index.js';
import type { PriceRule } from './listing-price.js';

export function priceRuleOf(account: ActiveAnymarketAccount): PriceRule {
  const { priceFactor, discountType, discountValue } = account.settings;
  return { priceFactor, discountType, discountValue };
}
