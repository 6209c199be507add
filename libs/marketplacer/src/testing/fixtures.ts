import type {
  AdvertFieldsFragment,
  InvoiceFieldsFragment,
  RefundRequestFieldsFragment,
  SellerFieldsFragment,
  VariantFieldsFragment,
} from '../contract/generated/graphql.js';
import { toGlobalId } from '../ids/global-id.js';
import type { MarketplacerAdvert, MarketplacerAdvertDetails, MarketplacerVariant } from '../ports/marketplacer-catalog.port.js';

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

/** A paid invoice of seller 78 with one line of 2 × 19.90 and 10.00 postage (overrides replace whole fields). */
export function invoiceNode(legacyId: number, overrides: Partial<InvoiceFieldsFragment> = {}): InvoiceFieldsFragment {
  return {
    __typename: 'Invoice',
    id: toGlobalId('Invoice', legacyId),
    legacyId,
    createdAt: '2025-03-01T10:00:00+11:00',
    updatedAt: '2025-03-01T10:05:00+11:00',
    paidAt: '2025-03-01T10:01:00+11:00',
    status: 'PAID',
    statusFlags: ['PAID'],
    buyerFirstName: 'Ana',
    buyerSurname: 'Silva',
    buyerEmailAddress: 'ana@example.com',
    buyerPhone: '0400111222',
    buyerMessageToSeller: null,
    totalCents: 4980,
    shippingCostCents: 1000,
    shippingAddress: {
      address: '1 George St',
      subaddress: null,
      city: 'Sydney',
      postcode: '2000',
      state: { short: 'NSW', name: 'New South Wales' },
      country: { code: 'AU', name: 'Australia' },
    },
    buyerBillingAddress: null,
    externalIds: [],
    seller: { id: toGlobalId('Seller', 78), legacyId: 78, businessName: 'Seller 78' },
    order: { id: toGlobalId('Order', legacyId * 10), legacyId: legacyId * 10 },
    lineItems: [
      {
        id: toGlobalId('LineItem', legacyId * 100),
        legacyId: legacyId * 100,
        quantity: 2,
        status: 'NEW',
        variantId: toGlobalId('Variant', 10),
        variantSku: 'SKU-10',
        variantBarcode: '78910',
        variantName: 'Variant 10',
        advertId: toGlobalId('Advert', 1),
        advertTitle: 'Advert 1',
        itemAmountCents: 1990,
        discountCents: 0,
      },
    ],
    shipments: [],
    ...overrides,
  };
}

/** An AWAITING refund request on invoice `invoiceLegacyId` for one unit of its first line (19.90). */
export function refundRequestNode(
  legacyId: number,
  invoiceLegacyId: number,
  overrides: Partial<RefundRequestFieldsFragment> = {},
): RefundRequestFieldsFragment {
  return {
    __typename: 'RefundRequest',
    id: toGlobalId('RefundRequest', legacyId),
    legacyId,
    createdAt: '2025-03-02T09:00:00+11:00',
    updatedAt: '2025-03-02T09:30:00+11:00',
    status: 'AWAITING',
    cashAmountCents: null,
    cashAmountFormatted: null,
    invoice: { id: toGlobalId('Invoice', invoiceLegacyId), legacyId: invoiceLegacyId },
    lineItems: [
      {
        id: toGlobalId('RefundRequestLineItem', legacyId * 10),
        reason: 'Damaged',
        amountCents: 1990,
        amountFormatted: '$19.90',
        amountPerItemFormatted: '$19.90',
        status: 'PENDING_APPROVAL',
        quantity: 1,
        lineItem: { id: toGlobalId('LineItem', invoiceLegacyId * 100) },
      },
    ],
    ...overrides,
  };
}

/** A variant as the catalog port answers it (override what the test is about). */
export function marketplacerVariant(overrides: Partial<MarketplacerVariant> = {}): MarketplacerVariant {
  return {
    id: 'V-1',
    legacyId: 1,
    sku: 'SKU-1',
    barcode: null,
    label: 'SKU-1',
    countOnHand: 5,
    infiniteQuantity: false,
    price: '19.90',
    salePrice: null,
    published: true,
    buyable: true,
    externalId: null,
    externalIds: [],
    optionValues: [],
    ...overrides,
  };
}

/** A published advert with its details, as the catalog port answers it (override what the test is about). */
export function marketplacerAdvert(
  overrides: Partial<MarketplacerAdvert> = {},
  details: Partial<MarketplacerAdvertDetails> = {},
  variants = [marketplacerVariant()],
): MarketplacerAdvert {
  return {
    id: 'A-1',
    legacyId: 1,
    state: 'published',
    updatedAt: '2026-01-01T00:00:00Z',
    variantIds: variants.map((v) => v.id),
    details: {
      title: 'T',
      description: null,
      code: null,
      externalId: null,
      createdAt: '2026-01-01T00:00:00Z',
      seller: { id: 'S', legacyId: 1, businessName: 'S' },
      brand: null,
      taxon: null,
      vetting: 'not_required',
      vettingRejectedReason: null,
      displayable: true,
      online: true,
      images: [],
      advertOptionValues: [],
      variants,
      variantsTruncated: false,
      ...details,
    },
    ...overrides,
  };
}
