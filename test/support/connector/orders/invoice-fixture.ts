import { toGlobalId, type MarketplacerAddress, type MarketplacerInvoice, type MarketplacerLineItem, type MarketplacerShipment } from '#marketplacer';

/** Seller 78, the seller of every fixture invoice. */
export const FIXTURE_SELLER = { id: toGlobalId('Seller', 78), legacyId: 78, businessName: 'Loja Exemplo' };

/** A São Paulo address as Marketplacer's Address type carries it (state and country flattened). */
export function address(overrides: Partial<MarketplacerAddress> = {}): MarketplacerAddress {
  return {
    address: 'Rua Augusta, 1500',
    subaddress: 'Apto 42',
    city: 'São Paulo',
    postcode: '01304-001',
    stateShort: 'SP',
    stateName: 'São Paulo',
    countryCode: 'BR',
    countryName: 'Brazil',
    ...overrides,
  };
}

/**
 * One invoice line: `quantity` units at `unitCents` each, so its total is a whole multiple of the unit
 * as Marketplacer makes it (OPERATOR-API-NOTES §6). Its variant is Variant `legacyId`, SKU `MP-SKU-<legacyId>`.
 */
export function lineItem(legacyId: number, quantity: number, unitCents: number, overrides: Partial<MarketplacerLineItem> = {}): MarketplacerLineItem {
  return {
    id: toGlobalId('LineItem', legacyId),
    legacyId,
    quantity,
    status: 'ALLOCATED',
    variantId: toGlobalId('Variant', legacyId),
    variantSku: `MP-SKU-${legacyId}`,
    variantBarcode: `789${String(legacyId).padStart(10, '0')}`,
    variantName: `Variante ${legacyId}`,
    advertId: toGlobalId('Advert', legacyId),
    advertTitle: `Produto ${legacyId}`,
    totalCents: quantity * unitCents,
    discountCents: 0,
    ...overrides,
  };
}

/** A dispatched shipment of every unit of `lines`. */
export function shipment(
  legacyId: number,
  dispatchedAt: string,
  lines: MarketplacerLineItem[],
  overrides: Partial<MarketplacerShipment> = {},
): MarketplacerShipment {
  return {
    id: toGlobalId('Shipment', legacyId),
    carrier: 'Correios',
    trackingNumber: `BR${legacyId}SP`,
    trackingLink: `https://rastreamento.correios.com.br/?objeto=BR${legacyId}SP`,
    dispatchedAt,
    items: lines.map((line) => ({ lineItemId: line.id, quantity: line.quantity })),
    ...overrides,
  };
}

/** What an invoice is made of; anything left out takes the paid-invoice default. */
export interface InvoiceFixture extends Partial<MarketplacerInvoice> {
  /**
   * The invoice's total in cents. Left out: what Marketplacer would charge, the lines that are not
   * cancelled net of their discounts plus postage (INFERRED: the real invoice total is not documented
   * line by line; this is the consistent reading).
   */
  totalCents?: number;
}

/**
 * A paid Marketplacer invoice of seller 78 (one buyer order, `legacyId * 10`): by default one line of
 * 2 × 49.90 and 15.00 postage, created and paid in São Paulo time (-03:00), with a shipping address
 * and no billing address. Overrides replace whole fields; the total follows the lines unless given.
 */
export function invoice(legacyId: number, fixture: InvoiceFixture = {}): MarketplacerInvoice {
  const lineItems = fixture.lineItems ?? [lineItem(legacyId * 100 + 1, 2, 4990)];
  const postageCents = fixture.postageCents ?? 1500;
  const open = lineItems.filter((line) => line.status !== 'CANCELLED');
  const goodsCents = open.reduce((sum, line) => sum + line.totalCents - line.discountCents, 0);
  return {
    id: toGlobalId('Invoice', legacyId),
    legacyId,
    createdAt: '2025-03-10T14:05:00-03:00',
    updatedAt: '2025-03-10T14:07:30-03:00',
    paidAt: '2025-03-10T14:06:10-03:00',
    status: 'PAID',
    statusFlags: ['PAID'],
    buyer: { firstName: 'Maria', surname: 'Souza', emailAddress: 'Maria.Souza@example.com.br', phone: '+55 11 91234-5678' },
    buyerMessageToSeller: null,
    shippingAddress: address(),
    billingAddress: null,
    seller: FIXTURE_SELLER,
    order: { id: toGlobalId('Order', legacyId * 10), legacyId: legacyId * 10 },
    shipments: [],
    externalIds: [],
    ...fixture,
    lineItems,
    postageCents,
    totalCents: fixture.totalCents ?? goodsCents + postageCents,
  };
}

/** An invoice that is not paid yet: AWAITING_PAYMENT, no payment time, no flag. */
export function unpaidInvoice(legacyId: number, fixture: InvoiceFixture = {}): MarketplacerInvoice {
  return invoice(legacyId, { status: 'AWAITING_PAYMENT', statusFlags: [], paidAt: null, ...fixture });
}
