import { sellerNode } from '../testing/fixtures.js';
import { isActiveSeller, toSeller } from './apollo-marketplacer-sellers.js';

// What the adapter asks Marketplacer, and its answers end to end: apps/simulator/src/marketplacer/apollo-sellers-*-against-simulator.spec.ts.

describe('toSeller', () => {
  it('maps a seller', () => {
    expect(toSeller(sellerNode(78, { businessName: 'Loja 78' }))).toEqual({
      id: 'U2VsbGVyLTc4',
      legacyId: 78,
      businessName: 'Loja 78',
      accountType: 'RETAILER',
      active: true,
      online: true,
      emailAddress: 'seller78@example.com',
      phone: '0400000000',
      updatedAt: '2025-01-01T00:00:00Z',
      metadata: [],
    });
  });

  it('reports a PROSPECTIVE or off-line seller as inactive', () => {
    expect(toSeller(sellerNode(7, { accountType: 'PROSPECTIVE', isRetailer: false })).active).toBe(false);
    expect(toSeller(sellerNode(8, { online: false })).active).toBe(false);
  });
});

describe('isActiveSeller (inferred rule)', () => {
  it.each([
    [{ accountType: 'RETAILER', isRetailer: true, online: true }, true],
    [{ accountType: 'retailer', isRetailer: true, online: true }, true],
    [{ accountType: null, isRetailer: true, online: true }, true],
    [{ accountType: null, isRetailer: false, online: true }, false],
    [{ accountType: 'PROSPECTIVE', isRetailer: false, online: true }, false],
    [{ accountType: 'RETAILER', isRetailer: true, online: false }, false],
  ])('%j → %s', (seller, active) => {
    expect(isActiveSeller(seller)).toBe(active);
  });
});
