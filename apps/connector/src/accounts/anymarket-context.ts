import type { AnymarketAccountContext } from '#anymarket';
import type { ActiveAnymarketAccount } from './accounts.service.js';

/** The account's ANYMARKET API context (the seller's token); null when saveAccount never carried a token. */
export function anymarketContextOf(account: ActiveAnymarketAccount): AnymarketAccountContext | null {
  return account.anymarketToken ? { token: account.anymarketToken, useSandbox: account.settings.useSandbox } : null;
}
