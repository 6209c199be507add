import type { AnymarketAccountContext } from '#anymarket';
import type { ActiveAnymarketAccount } from '../accounts/accounts.service.js';
import type { PriceRule } from './listing-price.js';

/** The account's ANYMARKET API context; null when saveAccount never carried a token. */
export function anymarketContextOf(account: ActiveAnymarketAccount): AnymarketAccountContext | null {
  return account.anymarketToken ? { token: account.anymarketToken, useSandbox: account.settings.useSandbox } : null;
}

export function priceRuleOf(account: ActiveAnymarketAccount): PriceRule {
  const { priceFactor, discountType, discountValue } = account.settings;
  return { priceFactor, discountType, discountValue };
}
