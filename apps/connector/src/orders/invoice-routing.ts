import type { ActiveAnymarketAccount } from '../accounts/index.js';

/** Where a seller's invoice goes. */
export type InvoiceRoute = { kind: 'account'; account: ActiveAnymarketAccount } | { kind: 'ambiguous'; reason: string } | { kind: 'none' };

/**
 * The account a seller's invoices go to (the documented rule): its only active account; among several,
 * the one ANYMARKET marks `accountDefault`; several defaults or none among several is ambiguous, shown
 * to admins and never guessed. A seller with no active account here is not ours: its invoices are skipped.
 */
export function routeInvoice(accounts: ActiveAnymarketAccount[] | undefined): InvoiceRoute {
  if (!accounts || accounts.length === 0) return { kind: 'none' };
  if (accounts.length === 1) return { kind: 'account', account: accounts[0] };
  const defaults = accounts.filter((account) => account.settings.accountDefault);
  if (defaults.length === 1) return { kind: 'account', account: defaults[0] };
  const ids = (defaults.length > 1 ? defaults : accounts).map((account) => `${account.oi}/${account.idAccount}`).join(', ');
  return {
    kind: 'ambiguous',
    reason:
      defaults.length === 0
        ? `The seller has ${accounts.length} active ANYMARKET accounts (${ids}) and none is the default (accountDefault); make one the default or deactivate the others, then re-push`
        : `The seller has ${defaults.length} default ANYMARKET accounts (${ids}); keep one default, then re-push`,
  };
}

/**
 * Whether an account that asks for its seller's orders (`/order/force`, `/forceImportOrders`) may take
 * them: when the rule names an account it must be this one; when the rule cannot choose, the account
 * ANYMARKET asked on behalf of settles it.
 */
export function mayTakeSellersOrders(accounts: ActiveAnymarketAccount[] | undefined, asking: ActiveAnymarketAccount): boolean {
  const route = routeInvoice(accounts);
  return route.kind !== 'account' || route.account.id === asking.id;
}
