import { toGlobalId } from '#marketplacer';
import type { ActiveAnymarketAccount } from '../accounts/accounts.service.js';
import { DEFAULT_ACCOUNT_SETTINGS } from '../accounts/account-settings.js';
import { routeInvoice } from './invoice-routing.js';

/** An active account of seller 78 in organisation `oi`. */
function account(id: number, oi: string, idAccount: string, accountDefault: boolean): ActiveAnymarketAccount {
  return {
    id,
    oi,
    idAccount,
    settings: { ...DEFAULT_ACCOUNT_SETTINGS, accountName: `Conta ${idAccount}`, accountDefault },
    anymarketToken: 'token',
    country: 'BR',
    seller: { linkId: 1, sellerId: toGlobalId('Seller', 78), sellerLegacyId: 78, businessName: 'Loja Exemplo' },
  };
}

describe('routeInvoice', () => {
  it('skips a seller with no active account here (not ours)', () => {
    expect(routeInvoice(undefined)).toEqual({ kind: 'none' });
    expect(routeInvoice([])).toEqual({ kind: 'none' });
  });

  it('sends to the only active account, default or not', () => {
    const only = account(1, 'oi.1', '1001', false);
    expect(routeInvoice([only])).toEqual({ kind: 'account', account: only });
  });

  it('sends to the one default account among several', () => {
    const main = account(2, 'oi.1', '1002', true);
    const accounts = [account(1, 'oi.1', '1001', false), main, account(3, 'oi.2', '2001', false)];
    expect(routeInvoice(accounts)).toEqual({ kind: 'account', account: main });
  });

  it('never guesses among several with no default', () => {
    const route = routeInvoice([account(1, 'oi.1', '1001', false), account(2, 'oi.2', '2001', false)]);
    expect(route).toEqual({
      kind: 'ambiguous',
      reason:
        'The seller has 2 active ANYMARKET accounts (oi.1/1001, oi.2/2001) and none is the default (accountDefault); make one the default or deactivate the others, then re-push',
    });
  });

  it('never guesses among several defaults', () => {
    const route = routeInvoice([account(1, 'oi.1', '1001', true), account(2, 'oi.2', '2001', true), account(3, 'oi.2', '2002', false)]);
    expect(route.kind).toBe('ambiguous');
    const reason = route.kind === 'ambiguous' ? route.reason : '';
    expect(reason).toMatch(/^The seller has 2 default ANYMARKET accounts \(.*oi\.1\/1001.*oi\.2\/2001.*\); keep one default, then re-push$/);
  });

  it('names only the default accounts when several are the default', () => {
    const route = routeInvoice([account(1, 'oi.1', '1001', true), account(2, 'oi.2', '2001', true), account(3, 'oi.2', '2002', false)]);
    expect(route).toEqual({ kind: 'ambiguous', reason: 'The seller has 2 default ANYMARKET accounts (oi.1/1001, oi.2/2001); keep one default, then re-push' });
  });
});
