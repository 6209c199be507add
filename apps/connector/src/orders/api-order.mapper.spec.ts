import type { MarketplacerInvoice } from '#marketplacer';
import { buildApiOrder, type KnownOrder } from './api-order.mapper.js';
import { buildOrderPost } from './order-post.mapper.js';
import { targetStatusOf } from './order-status.js';
import { API_ORDER_REQUIRED } from '#test-support/connector/orders/api-order-required';
import { invoice, lineItem, shipment, unpaidInvoice } from '#test-support/connector/orders/invoice-fixture';

/** The enums of remote_pt.yaml ApiOrder. */
const STATUS_WORDS = ['PENDING', 'PAID_WAITING_SHIP', 'INVOICED', 'PAID_WAITING_DELIVERY', 'CONCLUDED', 'CANCELED'];
const TRANSMISSION_STATUSES = ['OK', 'ERROR', 'WAITING'];
const DELIVERY_STATUSES = ['UNKNOWN', 'IN_TRANSIT', 'DELIVERED', 'HOLD_FOR_PICKUP', 'DELAYED', 'DELIVERED_LATE'];
const CANCELLATION_CODES = ['WITHOUT_STOCK', 'SHIPPING_ADDRESS', 'CUSTOMER_EXCHANGE', 'GENERAL_ADJUSTMENT', 'CUSTOMER_RETURN', 'BUYER_CANCELED', 'OTHER'];

const ACCOUNT = { idAccount: '4321', accountName: 'Loja Exemplo - Marketplace' };
const SHOES = lineItem(800101, 2, 4990, { discountCents: 500 });
const BAG = lineItem(800102, 1, 12000);
const LISTED = new Map([[SHOES.variantId!, 'any-sku-tenis-42']]);

/** The ApiOrder of `source` as GET /order/{id} answers it, the OrderPost built the way the service builds it. */
function apiOrderOf(source: MarketplacerInvoice, known: KnownOrder): Record<string, any> {
  const { post } = buildOrderPost(source, ACCOUNT, LISTED, targetStatusOf(source));
  return buildApiOrder(post, source, known);
}

const created = (status: KnownOrder['status']): KnownOrder => ({ anymarketOrderId: '912345', status, transmissionOk: true });

describe('buildApiOrder', () => {
  const paid = invoice(8001, { lineItems: [SHOES, BAG] });

  it('has every required key of remote_pt.yaml ApiOrder for a cancelled order', () => {
    const order = apiOrderOf({ ...paid, status: 'CANCELLED', statusFlags: ['PAID', 'CANCELLED'] }, created('CANCELED'));
    for (const key of API_ORDER_REQUIRED) expect(order).toHaveProperty([key]);
    expect(order.payments.length).toBeGreaterThanOrEqual(1);
    expect(order.items.length).toBeGreaterThanOrEqual(1);
  });

  it('has every required key for an open order too (cancellationCode OTHER, as ANYMARKET’s own open-order example carries one)', () => {
    for (const [source, known] of [
      [paid, created('PAID')],
      [unpaidInvoice(8002), { anymarketOrderId: null, status: 'PENDING', transmissionOk: true }],
    ] as const) {
      const order = apiOrderOf(source, known);
      for (const key of API_ORDER_REQUIRED) expect(order).toHaveProperty([key]);
      expect(order).toMatchObject({ cancellationCode: 'OTHER', cancelDate: '' });
    }
  });

  it('speaks API v2 status words, from what ANYMARKET has', () => {
    const words = (['PENDING', 'PAID', 'INVOICED', 'SHIPPED', 'DELIVERED', 'CANCELED'] as const).map((status) => apiOrderOf(paid, created(status)).status);
    expect(words).toEqual(STATUS_WORDS);
  });

  it('keeps its enums to remote_pt.yaml’s values in every status', () => {
    for (const status of ['PENDING', 'PAID', 'SHIPPED', 'DELIVERED', 'CANCELED'] as const) {
      for (const transmissionOk of [true, false]) {
        const order = apiOrderOf(paid, { anymarketOrderId: '912345', status, transmissionOk });
        expect(STATUS_WORDS).toContain(order.status);
        expect(TRANSMISSION_STATUSES).toContain(order.transmissionStatus);
        expect(DELIVERY_STATUSES).toContain(order.deliveryStatus);
        if ('cancellationCode' in order) expect(CANCELLATION_CODES).toContain(order.cancellationCode);
      }
    }
  });

  it('carries the OrderPost’s key, money and parties, and the gross before discounts', () => {
    const { post } = buildOrderPost(paid, ACCOUNT, LISTED, 'PAID');
    const order = buildApiOrder(post, paid, created('PAID'));
    expect(order).toMatchObject({
      id: 912345,
      marketPlaceId: '8001',
      marketPlaceNumber: '80010',
      partnerId: '8001',
      marketPlace: 'MARKETPLACER',
      createdAt: '2025-03-10T14:05:00-03:00',
      paymentDate: '2025-03-10T14:06:10-03:00',
      cancelDate: '',
      transmissionStatus: 'OK',
      marketPlaceStatus: 'Pago (PAID)',
      discount: 0,
      freight: 15,
      productGross: 219.8,
      productNet: 214.8,
      total: 229.8,
      interestValue: 0,
      idAccount: 4321,
      accountName: 'Loja Exemplo - Marketplace',
      tracking: {},
      deliveryStatus: 'UNKNOWN',
      marketPlaceShipmentStatus: '',
    });
    expect(order.shipping).toEqual(post.shipping);
    expect(order.billingAddress).toEqual(post.billingAddress);
    expect(order.buyer).toEqual(post.buyer);
    expect(order.payments).toEqual(post.payments);
  });

  it('lists the items with the SKU sent and the Marketplacer line they come from; cancelled lines left out', () => {
    const order = apiOrderOf(invoice(8003, { lineItems: [SHOES, BAG, lineItem(800103, 1, 5000, { status: 'CANCELLED' })] }), created('PAID'));
    expect(order.items).toEqual([
      {
        partnerId: 'any-sku-tenis-42',
        amount: 2,
        unit: 49.9,
        gross: 99.8,
        total: 94.8,
        discount: 5,
        shippings: [],
        marketPlaceId: SHOES.id,
        orderItemId: 800101,
      },
      { partnerId: 'MP-SKU-800102', amount: 1, unit: 120, gross: 120, total: 120, discount: 0, shippings: [], marketPlaceId: BAG.id, orderItemId: 800102 },
    ]);
    expect(order.productGross).toBe(219.8);
  });

  it('uses id 0 and empty texts for what does not exist yet (no ANYMARKET order, no payment)', () => {
    const order = apiOrderOf(unpaidInvoice(8004), { anymarketOrderId: null, status: 'PENDING', transmissionOk: true });
    expect(order).toMatchObject({
      id: 0,
      status: 'PENDING',
      paymentDate: '',
      cancelDate: '',
      marketPlaceUrl: '',
      observation: '',
      invoice: {},
      anymarketAddress: {},
    });
  });

  it('reports a failed transmission as ERROR', () => {
    expect(apiOrderOf(paid, { anymarketOrderId: '912345', status: 'PAID', transmissionOk: false }).transmissionStatus).toBe('ERROR');
  });

  it('tracks split shipments: the newest one’s carrier, link and time, every tracking number, in transit while shipped', () => {
    const shipments = [
      shipment(82, '2025-03-11T09:00:00-03:00', [BAG], { carrier: 'Jadlog', trackingNumber: 'JD000082', trackingLink: null }),
      shipment(81, '2025-03-11T08:00:00-03:00', [SHOES]),
    ];
    const order = apiOrderOf({ ...paid, status: 'SENT', statusFlags: ['PAID', 'SENT'], shipments }, created('SHIPPED'));
    expect(order.tracking).toEqual({
      url: '',
      number: 'BR81SP, JD000082',
      carrier: 'Jadlog',
      shippedDate: '2025-03-11T09:00:00-03:00',
      date: '2025-03-11T09:00:00-03:00',
    });
    expect(order).toMatchObject({ status: 'PAID_WAITING_DELIVERY', deliveryStatus: 'IN_TRANSIT', marketPlaceShipmentStatus: 'SENT' });
  });

  it('shows a partial shipment, which has no ANYMARKET status, in marketPlaceShipmentStatus', () => {
    const partly = {
      ...paid,
      status: 'PARTIALLY_SENT',
      statusFlags: ['PAID', 'PARTIALLY_SENT'],
      shipments: [shipment(81, '2025-03-11T08:00:00-03:00', [SHOES])],
    };
    const order = apiOrderOf(partly, created('PAID'));
    expect(order).toMatchObject({
      status: 'PAID_WAITING_SHIP',
      marketPlaceShipmentStatus: 'PARTIALLY_SENT',
      marketPlaceStatus: 'Enviado parcialmente (PARTIALLY_SENT)',
    });
  });

  it('dates delivery and cancellation by the invoice’s last change, offset kept', () => {
    const shipments = [shipment(81, '2025-03-11T08:00:00-03:00', [SHOES, BAG])];
    const collected = { ...paid, status: 'COLLECTED', statusFlags: ['PAID', 'SENT', 'COLLECTED'], shipments, updatedAt: '2025-03-14T16:20:00-03:00' };
    const delivered = apiOrderOf(collected, created('DELIVERED'));
    expect(delivered).toMatchObject({ status: 'CONCLUDED', deliveryStatus: 'DELIVERED', tracking: { deliveredDate: '2025-03-14T16:20:00-03:00' } });
    const cancelled = apiOrderOf({ ...collected, status: 'CANCELLED', statusFlags: ['PAID', 'CANCELLED'] }, created('CANCELED'));
    expect(cancelled).toMatchObject({ status: 'CANCELED', cancelDate: '2025-03-14T16:20:00-03:00', cancellationCode: 'OTHER' });
  });

  it('lists each tracking number once, without blanks, as markAsShipped does', () => {
    const shipments = [
      shipment(81, '2025-03-11T08:00:00-03:00', [SHOES]),
      { ...shipment(82, '2025-03-12T08:00:00-03:00', [BAG]), trackingNumber: shipment(81, '2025-03-11T08:00:00-03:00', [SHOES]).trackingNumber },
      { ...shipment(83, '2025-03-13T08:00:00-03:00', [BAG]), trackingNumber: '' },
    ];
    const order = apiOrderOf({ ...paid, status: 'SENT', statusFlags: ['PAID', 'SENT'], shipments }, created('SHIPPED'));
    expect((order.tracking as { number: string }).number).toBe(shipments[0].trackingNumber);
  });
});
