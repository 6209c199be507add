import { thrownBy } from '#common/testing';
import { MarketplacerError } from '../errors/marketplacer-error.js';
import { toGlobalId } from '../ids/global-id.js';
import { pageOf } from '../pagination/paginate.js';
import { invoiceNode } from '../testing/fixtures.js';
import { toInvoice } from './invoice-mapper.js';

// What ApolloMarketplacerOrders asks Marketplacer, and its answers end to end: apps/simulator/src/marketplacer/apollo-orders-against-simulator.spec.ts.

describe('toInvoice', () => {
  it('maps every field of an invoice', () => {
    const address = (city: string, state: { short: string; name: string } | null) => ({
      address: `1 ${city} St`,
      subaddress: 'Unit 2',
      city,
      postcode: '3000',
      state,
      country: { code: 'AU', name: 'Australia' },
    });
    const invoice = invoiceNode(10363, {
      createdAt: '2025-03-01T10:00:00+11:00',
      updatedAt: '2025-03-03T08:00:00+11:00',
      paidAt: '2025-03-01T10:01:00+11:00',
      status: 'PARTIALLY_SENT',
      statusFlags: ['PAID', 'PARTIALLY_SENT'],
      buyerFirstName: 'Ana',
      buyerSurname: 'Silva',
      buyerEmailAddress: 'ana@example.com',
      buyerPhone: '0400111222',
      buyerMessageToSeller: 'Leave at the door',
      shippingAddress: address('Melbourne', { short: 'VIC', name: 'Victoria' }),
      buyerBillingAddress: address('Hobart', null),
      externalIds: [{ key: 'anymarket', value: 'AM-1' }],
      seller: { id: toGlobalId('Seller', 78), legacyId: 78, businessName: 'Loja 78' },
      order: { id: toGlobalId('Order', 555), legacyId: 555 },
      totalCents: 7470,
      shippingCostCents: 1234,
      lineItems: [
        {
          id: toGlobalId('LineItem', 1),
          legacyId: 1,
          quantity: 3,
          status: 'ALLOCATED',
          variantId: toGlobalId('Variant', 10),
          variantSku: 'SKU-10',
          variantBarcode: '78910',
          variantName: 'Blue / M',
          advertId: toGlobalId('Advert', 4),
          advertTitle: 'Shirt',
          itemAmountCents: 1990,
          discountCents: -500,
        },
        {
          id: toGlobalId('LineItem', 2),
          legacyId: 2,
          quantity: 1,
          status: 'CANCELLED',
          variantId: null,
          variantSku: null,
          variantBarcode: null,
          variantName: null,
          advertId: null,
          advertTitle: null,
          itemAmountCents: 0,
          discountCents: 0,
        },
      ],
      shipments: [
        {
          id: toGlobalId('Shipment', 9),
          carrier: 'Australia Post',
          trackingNumber: 'TRK1',
          trackingLink: 'https://track.example/TRK1',
          dispatchedAt: '2025-03-02T12:00:00+11:00',
          shippedItems: [{ id: toGlobalId('ShippedItem', 1), quantity: 2, lineItem: { id: toGlobalId('LineItem', 1) } }],
        },
        {
          id: toGlobalId('Shipment', 10),
          carrier: 'Other',
          trackingNumber: 'TRK2',
          trackingLink: null,
          dispatchedAt: '2025-03-03T12:00:00+11:00',
          shippedItems: null,
        },
      ],
    });
    expect(toInvoice(invoice)).toEqual({
      id: invoice.id,
      legacyId: 10363,
      createdAt: '2025-03-01T10:00:00+11:00',
      updatedAt: '2025-03-03T08:00:00+11:00',
      paidAt: '2025-03-01T10:01:00+11:00',
      status: 'PARTIALLY_SENT',
      statusFlags: ['PAID', 'PARTIALLY_SENT'],
      buyer: { firstName: 'Ana', surname: 'Silva', emailAddress: 'ana@example.com', phone: '0400111222' },
      buyerMessageToSeller: 'Leave at the door',
      shippingAddress: {
        address: '1 Melbourne St',
        subaddress: 'Unit 2',
        city: 'Melbourne',
        postcode: '3000',
        stateShort: 'VIC',
        stateName: 'Victoria',
        countryCode: 'AU',
        countryName: 'Australia',
      },
      billingAddress: {
        address: '1 Hobart St',
        subaddress: 'Unit 2',
        city: 'Hobart',
        postcode: '3000',
        stateShort: null,
        stateName: null,
        countryCode: 'AU',
        countryName: 'Australia',
      },
      seller: { id: toGlobalId('Seller', 78), legacyId: 78, businessName: 'Loja 78' },
      order: { id: toGlobalId('Order', 555), legacyId: 555 },
      // The exact *Cents integers win over the strings.
      totalCents: 7470,
      postageCents: 1234,
      lineItems: [
        {
          id: toGlobalId('LineItem', 1),
          legacyId: 1,
          quantity: 3,
          status: 'ALLOCATED',
          variantId: toGlobalId('Variant', 10),
          variantSku: 'SKU-10',
          variantBarcode: '78910',
          variantName: 'Blue / M',
          advertId: toGlobalId('Advert', 4),
          advertTitle: 'Shirt',
          totalCents: 5970,
          discountCents: 500,
        },
        {
          id: toGlobalId('LineItem', 2),
          legacyId: 2,
          quantity: 1,
          status: 'CANCELLED',
          variantId: null,
          variantSku: null,
          variantBarcode: null,
          variantName: null,
          advertId: null,
          advertTitle: null,
          totalCents: 0,
          discountCents: 0,
        },
      ],
      shipments: [
        {
          id: toGlobalId('Shipment', 9),
          carrier: 'Australia Post',
          trackingNumber: 'TRK1',
          trackingLink: 'https://track.example/TRK1',
          dispatchedAt: '2025-03-02T12:00:00+11:00',
          items: [{ lineItemId: toGlobalId('LineItem', 1), quantity: 2 }],
        },
        {
          id: toGlobalId('Shipment', 10),
          carrier: 'Other',
          trackingNumber: 'TRK2',
          trackingLink: null,
          dispatchedAt: '2025-03-03T12:00:00+11:00',
          items: [],
        },
      ],
      externalIds: [{ key: 'anymarket', value: 'AM-1' }],
    });
  });

  it('reads the invoice postage from shippingCostCents, a line from its unit price, and a negative discount as its size', () => {
    const line = { ...invoiceNode(1).lineItems[0], quantity: 3, itemAmountCents: 1990, discountCents: -250 };
    const invoice = toInvoice(invoiceNode(1, { shippingCostCents: 1005, lineItems: [line] }));
    expect(invoice.postageCents).toBe(1005);
    expect(invoice.lineItems[0]).toMatchObject({ totalCents: 5970, discountCents: 250 });
  });

  it('fails with MARKETPLACER_UNEXPECTED_RESPONSE for a line without a unit price', () => {
    const noPrice = { ...invoiceNode(1).lineItems[0], itemAmountCents: null as unknown as number };
    expect(thrownBy(MarketplacerError, () => toInvoice(invoiceNode(1, { lineItems: [noPrice] })))).toMatchObject({
      code: 'MARKETPLACER_UNEXPECTED_RESPONSE',
      details: [{ field: 'LineItem.itemAmountCents' }],
    });
  });

  it('treats a null connection as a broken contract', () => {
    expect(thrownBy(MarketplacerError, () => pageOf('invoices', null, toInvoice))).toMatchObject({ code: 'MARKETPLACER_UNEXPECTED_RESPONSE' });
  });
});
