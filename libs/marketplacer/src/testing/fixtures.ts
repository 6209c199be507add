import type { AdvertFieldsFragment, SellerFieldsFragment, VariantFieldsFragment } from '../contract/generated/graphql.js';
import { toGlobalId } from '../ids/global-id.js';

/** Wire-shaped Marketplacer records for scripted answers (override what the test is about). */
export function sellerNode(legacyId: number, overrides: Partial<SellerFieldsFragment> = {}): SellerFieldsFragment {
  return {
    __typename: 'Seller',
    id: toGlobalId('Seller', legacyId),
    legacyId,
    businessName: `Seller ${legacyId}`,
    accountType: 'RETAILER',
    online: true,
    isRetailer: true,
    emailAddress: `seller${legacyId}@example.com`,
    phone: '0400000000',
    updatedAt: '2025-01-01T00:00:00Z',
    externalIds: [],
    metadata: [],
    address: null,
    primaryUser: null,
    ...overrides,
  };
}

export function variantNode(legacyId: number, overrides: Partial<VariantFieldsFragment> = {}): VariantFieldsFragment {
  return {
    __typename: 'Variant',
    id: toGlobalId('Variant', legacyId),
    legacyId,
    sku: `SKU-${legacyId}`,
    barcode: `789${legacyId}`,
    label: `Variant ${legacyId}`,
    countOnHand: 7,
    infiniteQuantity: false,
    buyable: true,
    displayable: true,
    published: true,
    editablePrice: '19.90',
    lowestPrice: '19.90',
    lowestOriginalPrice: '19.90',
    externalId: null,
    externalIds: [],
    optionValues: { nodes: [] },
    ...overrides,
  };
}

export function advertNode(legacyId: number, overrides: Partial<AdvertFieldsFragment> = {}): AdvertFieldsFragment {
  return {
    __typename: 'Advert',
    id: toGlobalId('Advert', legacyId),
    legacyId,
    title: `Advert ${legacyId}`,
    description: null,
    code: null,
    externalId: null,
    createdAt: '2025-01-01T00:00:00Z',
    updatedAt: '2025-01-02T00:00:00Z',
    displayable: true,
    published: true,
    online: true,
    vetted: true,
    requiresVetting: false,
    vettingRejected: false,
    vettingRejectedAt: null,
    vettingRejectedReason: null,
    lowestPrice: '19.90',
    lowestOriginalPrice: '19.90',
    brand: null,
    taxonNullable: null,
    seller: { id: toGlobalId('Seller', 78), legacyId: 78, businessName: 'Seller 78' },
    images: { nodes: [] },
    advertOptionValues: { nodes: [] },
    variants: { totalCount: 1, pageInfo: { hasNextPage: false, endCursor: null }, nodes: [variantNode(legacyId * 10)] },
    ...overrides,
  };
}
