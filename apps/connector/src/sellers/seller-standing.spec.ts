import { inactiveReasonOf, standingOf, standingOfAnswer } from './seller-standing.js';

describe('a seller standing', () => {
  it('lets an online RETAILER trade', () => {
    expect(inactiveReasonOf({ deleted: false, active: true, online: true, accountType: 'RETAILER' })).toBeNull();
    expect(standingOf({ deleted: false, active: true, businessName: 'Acme' })).toEqual({
      exists: true,
      active: true,
      inactiveReason: null,
      businessName: 'Acme',
    });
  });

  it('names why a seller may not trade: deleted first, then not a RETAILER, then offline', () => {
    expect(inactiveReasonOf({ deleted: true, active: false, online: false, accountType: 'RETAILER' })).toBe('the seller was deleted in Marketplacer');
    expect(inactiveReasonOf({ deleted: false, active: false, online: false, accountType: 'PROSPECTIVE' })).toBe(
      'the seller is no longer a RETAILER in Marketplacer (account type PROSPECTIVE)',
    );
    expect(inactiveReasonOf({ deleted: false, active: false, online: false, accountType: 'retailer' })).toBe('the seller is offline in Marketplacer');
    expect(inactiveReasonOf({ deleted: false, active: false, online: null, accountType: null })).toBe('the seller may not trade in Marketplacer');
  });

  it('reads a live answer: none means no such seller', () => {
    expect(standingOfAnswer(null)).toMatchObject({ exists: false, active: false, inactiveReason: 'the seller no longer exists in Marketplacer' });
    expect(standingOfAnswer({ id: 'U2VsbGVyLTc4', legacyId: 78, businessName: 'Acme', accountType: 'RETAILER', active: false, online: false })).toMatchObject({
      exists: true,
      active: false,
      inactiveReason: 'the seller is offline in Marketplacer',
    });
  });
});
