import { toGlobalId } from '../ids/global-id.js';
import { advertNode, variantNode } from '../testing/fixtures.js';
import { toAdvert, toAdvertFromChangeFeed } from './advert-mapper.js';

// What ApolloMarketplacerCatalog asks Marketplacer, and its answers end to end: apps/simulator/src/marketplacer/apollo-catalog-against-simulator.spec.ts.

describe('toAdvertFromChangeFeed', () => {
  it('normalises every member of the union', () => {
    const unpublished = {
      __typename: 'UnpublishedAdvert' as const,
      id: toGlobalId('Advert', 2),
      legacyId: 2,
      updatedAt: '2025-01-03T00:00:00Z',
      variants: { nodes: [{ id: toGlobalId('Variant', 20), legacyId: 20 }] },
    };
    const deleted = {
      __typename: 'DeletedAdvert' as const,
      id: toGlobalId('Advert', 3),
      legacyId: 3,
      updatedAt: '2025-01-04T00:00:00Z',
      variants: { nodes: [] },
    };

    const adverts = [advertNode(1), unpublished, deleted].map(toAdvertFromChangeFeed);

    expect(adverts.map((a) => [a.legacyId, a.state, a.details === null])).toEqual([
      [1, 'published', false],
      [2, 'unpublished', true],
      [3, 'deleted', true],
    ]);
    expect(adverts[1].variantIds).toEqual([toGlobalId('Variant', 20)]);
    expect(adverts[0].details?.variants[0]).toMatchObject({ sku: 'SKU-10', barcode: '78910', countOnHand: 7, price: '19.90', salePrice: null });
  });
});

describe('toAdvert', () => {
  it('maps state, vetting and prices of a full advert', () => {
    const advert = advertNode(5, {
      published: false,
      vetted: false,
      requiresVetting: true,
      variants: {
        totalCount: 150,
        pageInfo: { hasNextPage: true, endCursor: 'v' },
        nodes: [variantNode(51, { editablePrice: '30.00', lowestPrice: '25.00', lowestOriginalPrice: '30.00' })],
      },
    });
    const found = toAdvert(advert);
    expect(found.state).toBe('unpublished');
    expect(found.details).toMatchObject({ vetting: 'pending', variantsTruncated: true });
    expect(found.details?.variants[0]).toMatchObject({ price: '30.00', salePrice: '25.00' });
  });

  it('reports a rejected advert with its reason', () => {
    const advert = toAdvert(advertNode(6, { vettingRejected: true, vetted: false, vettingRejectedReason: 'Blurry images' }));
    expect(advert.details).toMatchObject({ vetting: 'rejected', vettingRejectedReason: 'Blurry images' });
  });
});
