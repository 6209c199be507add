import { effectivePriceCents, invoiceStatus, invoiceStatusFlags, isDisplayable } from '../state/derived.js';
import { globalId } from '../state/global-id.js';
import type { MarketplacerState } from '../state/marketplacer-state.js';
import type { VariantRecord } from '../state/records.js';
import { SimulatorClock } from '../state/clock.js';
import { seedState } from '../state/seed.js';
import { createOrder, createShipment, markInvoiceCancelled, markInvoiceCollected, markInvoicePaid, markInvoiceShipped, updateShipment } from './orders.js';

function sellable(state: MarketplacerState): VariantRecord[] {
  return [...state.variants.values()].filter((v) => isDisplayable(v.advert) && v.countOnHand >= 3);
}

describe('createOrder', () => {
  let state: MarketplacerState;
  let events: string[];

  beforeEach(() => {
    state = seedState({ sellers: 5, adverts: 60, invoices: 0 });
    events = [];
    state.onChange((e) => events.push(`${e.entity}:${e.eventName}`));
  });

  it('makes one paid invoice per seller, keeps line totals in whole units and decrements stock', () => {
    const [a, ...rest] = sellable(state);
    const b = rest.find((v) => v.advert.sellerId !== a.advert.sellerId)!;
    const stock = a.countOnHand;
    const outcome = createOrder(state, {
      order: { firstName: 'Ana' },
      lineItems: [
        { variantId: globalId('Variant', a.legacyId), quantity: 3, cost: { amount: 1000 } },
        { variantId: globalId('Variant', b.legacyId), quantity: 1 },
      ],
    });
    expect(outcome.errors).toEqual([]);
    const invoices = outcome.order!.invoiceIds.map((id) => state.invoices.get(id)!);
    expect(invoices.map((i) => i.sellerId)).toEqual([a.advert.sellerId, b.advert.sellerId]);
    expect(invoices.map((i) => invoiceStatus(state, i))).toEqual(['PAID', 'PAID']);
    const lines = invoices.flatMap((i) => i.lineItemIds.map((id) => state.lineItems.get(id)!));
    expect(lines.map((l) => l.unitCents)).toEqual([334, effectivePriceCents(b)]);
    expect(a.countOnHand).toBe(stock - 3);
    expect(events.filter((e) => e.startsWith('Invoice'))).toEqual(['Invoice:create', 'Invoice:create', 'Invoice:update', 'Invoice:update']);
  });

  it('refuses unknown variants, over-ordering and mixed tax without changing anything', () => {
    const [a, b] = sellable(state);
    const outcome = createOrder(state, {
      order: {},
      lineItems: [
        { variantId: 'VmFyaWFudC0x', quantity: 1 },
        { variantId: globalId('Variant', a.legacyId), quantity: a.countOnHand + 1, cost: { amount: 100, tax: 10 }, postage: { amount: 0, tax: 0 } },
        { variantId: globalId('Variant', b.legacyId), quantity: 1, cost: { amount: 100 } },
      ],
    });
    expect(outcome.order).toBeNull();
    expect(outcome.errors.map((e) => e.field)).toEqual([
      'lineItems[0].variantId',
      'lineItems[2].cost.tax',
      'lineItems[2].postage.tax',
      'lineItems[1].quantity',
    ]);
    expect(state.orders.size).toBe(0);
    expect(events).toEqual([]);
  });

  it('takes an unpaid order when asked: invoices AWAITING_PAYMENT, no payment event until the invoice is paid', () => {
    const [a, ...rest] = sellable(state);
    const b = rest.find((v) => v.advert.sellerId !== a.advert.sellerId)!;
    const lineItems = [a, b].map((v) => ({ variantId: globalId('Variant', v.legacyId), quantity: 1 }));
    const order = createOrder(state, { order: {}, lineItems }, { paid: false }).order!;
    const [first, second] = order.invoiceIds.map((id) => state.invoices.get(id)!);
    expect(order.status).toBe('PAYMENT_IN_PROGRESS');
    expect([first, second].map((i) => invoiceStatus(state, i))).toEqual(['AWAITING_PAYMENT', 'AWAITING_PAYMENT']);
    expect(events.filter((e) => e.startsWith('Invoice'))).toEqual(['Invoice:create', 'Invoice:create']);

    markInvoicePaid(state, first);
    expect(invoiceStatus(state, first)).toBe('PAID');
    expect(order.status).toBe('PAYMENT_IN_PROGRESS');
    markInvoicePaid(state, second);
    expect(order.status).toBe('COMPLETE');
    expect(events.filter((e) => e.startsWith('Invoice'))).toEqual(['Invoice:create', 'Invoice:create', 'Invoice:update', 'Invoice:update']);
    expect(createOrder(state, { order: {}, lineItems }, { paid: true }).order!.status).toBe('COMPLETE');
  });

  it('refuses both lineItems and invoices, and neither', () => {
    expect(createOrder(state, { order: {}, lineItems: [], invoices: [] }).errors.map((e) => e.field)).toEqual(['lineItems', 'invoices']);
    expect(createOrder(state, { order: {} }).errors).toEqual([{ field: 'lineItems', messages: ["can't be blank"] }]);
  });
});

describe('createShipment', () => {
  it('ships what is left, refuses more, and refuses a dispatch date before the order', () => {
    const state = seedState({ sellers: 5, adverts: 60, invoices: 0 });
    const variant = sellable(state)[0];
    const order = createOrder(state, { order: {}, lineItems: [{ variantId: globalId('Variant', variant.legacyId), quantity: 2 }] }).order!;
    const invoice = state.invoices.get(order.invoiceIds[0])!;
    const line = globalId('LineItem', invoice.lineItemIds[0]);
    const base = {
      invoiceId: globalId('Invoice', invoice.legacyId),
      postageCarrierId: globalId('ShipmentCarrier', 1),
      trackingNumber: 'T',
      dispatchedAt: state.now(),
    };

    const early = createShipment(state, { ...base, shippedItems: [{ lineItemId: line, quantity: 1 }], dispatchedAt: invoice.createdAt - 3 * 86_400_000 });
    expect(early.errors).toEqual([{ field: 'dispatchedAt', messages: ['Dispatched at is before shipped items were ordered'] }]);
    expect(createShipment(state, { ...base, shippedItems: [{ lineItemId: line, quantity: 1 }] }).errors).toEqual([]);
    expect(invoiceStatus(state, invoice)).toBe('PARTIALLY_SENT');
    expect(createShipment(state, { ...base, shippedItems: [{ lineItemId: line, quantity: 2 }] }).errors[0].messages).toEqual([
      'exceeds the quantity left to ship (1)',
    ]);
    expect(createShipment(state, { ...base, shippedItems: [{ lineItemId: line, quantity: 1 }] }).errors).toEqual([]);
    expect(invoiceStatus(state, invoice)).toBe('SENT');
  });

  it('refuses line items of another invoice and an unknown carrier, changing nothing; a dispatch on the day of the order is fine', () => {
    const state = seedState({ sellers: 5, adverts: 60, invoices: 0 });
    const [a, b] = sellable(state);
    const orderOf = (variant: VariantRecord) =>
      createOrder(state, { order: {}, lineItems: [{ variantId: globalId('Variant', variant.legacyId), quantity: 1 }] }).order!;
    const invoice = state.invoices.get(orderOf(a).invoiceIds[0])!;
    const other = state.invoices.get(orderOf(b).invoiceIds[0])!;
    const events: string[] = [];
    state.onChange((e) => events.push(`${e.entity}:${e.eventName}`));
    const ship = (lineItemId: number, postageCarrierId = globalId('ShipmentCarrier', 1), dispatchedAt = state.now()) =>
      createShipment(state, {
        invoiceId: globalId('Invoice', invoice.legacyId),
        shippedItems: [{ lineItemId: globalId('LineItem', lineItemId), quantity: 1 }],
        postageCarrierId,
        trackingNumber: 'T',
        dispatchedAt,
      });

    expect(ship(other.lineItemIds[0]).errors).toEqual([
      { field: 'shippedItems[0].lineItemId', messages: ['line item must be part of the invoice being shipped'] },
    ]);
    const unknownCarrier = globalId('ShipmentCarrier', 999);
    expect(ship(invoice.lineItemIds[0], unknownCarrier)).toMatchObject({
      shipment: null,
      errors: [{ field: 'postageCarrierId', messages: [`No object found for postageCarrierId: ${unknownCarrier}`] }],
    });
    expect(invoice.shipmentIds).toEqual([]);
    expect(events).toEqual([]);

    const startOfOrderDay = invoice.createdAt - (invoice.createdAt % 86_400_000);
    expect(ship(invoice.lineItemIds[0], undefined, startOfOrderDay).errors).toEqual([]);
    expect(events).toEqual(['Shipment:create', 'Invoice:update']);
  });
});

describe('updateShipment', () => {
  it('changes the tracking number and carrier given, touches the invoice, fires Shipment and Invoice update; refuses a blank number, changing nothing', () => {
    // A wall clock that stands still: the instance's clock moves by its own steps and `advance` alone.
    const wall = Date.now();
    const state = seedState({ sellers: 5, adverts: 60, invoices: 0 }, new SimulatorClock(() => wall));
    const variant = sellable(state)[0];
    const order = createOrder(state, { order: {}, lineItems: [{ variantId: globalId('Variant', variant.legacyId), quantity: 1 }] }).order!;
    const invoice = state.invoices.get(order.invoiceIds[0])!;
    const shipment = markInvoiceShipped(state, invoice, { trackingNumber: 'FIRST' }).shipment!;
    const events: string[] = [];
    state.onChange((e) => events.push(`${e.entity}:${e.eventName}`));
    const shipmentId = globalId('Shipment', shipment.legacyId);

    expect(updateShipment(state, { shipmentId, trackingNumber: '  ' }).errors).toEqual([{ field: 'trackingNumber', messages: ["can't be blank"] }]);
    expect(updateShipment(state, { shipmentId: globalId('Shipment', 1) }).status).toBe(404);
    expect([shipment.trackingNumber, events]).toEqual(['FIRST', []]);

    state.clock.advance(60_000);
    const before = shipment.updatedAt;
    const updated = updateShipment(state, { shipmentId, trackingNumber: ' SECOND ', postageCarrierId: globalId('ShipmentCarrier', 2), note: 'again' });
    expect(updated.errors).toEqual([]);
    expect(shipment).toMatchObject({ trackingNumber: 'SECOND', carrierId: 2, note: 'again' });
    // The clock is strictly increasing (a step per change), so `before` may run ahead of the wall clock: the update is later than it, and 60 s past the wall.
    expect(shipment.updatedAt).toBeGreaterThan(before);
    expect(shipment.updatedAt).toBeGreaterThanOrEqual(wall + 60_000);
    expect(invoice.updatedAt).toBe(shipment.updatedAt);
    expect(invoiceStatus(state, invoice)).toBe('SENT');
    expect(events).toEqual(['Shipment:update', 'Invoice:update']);
  });
});

describe('markInvoiceCollected', () => {
  let state: MarketplacerState;
  let events: string[];
  const orderOf = (quantity: number) => {
    const variant = sellable(state)[0];
    const order = createOrder(state, { order: {}, lineItems: [{ variantId: globalId('Variant', variant.legacyId), quantity }] }).order!;
    return state.invoices.get(order.invoiceIds[0])!;
  };

  beforeEach(() => {
    state = seedState({ sellers: 5, adverts: 60, invoices: 0 });
    events = [];
    state.onChange((e) => events.push(`${e.entity}:${e.eventName}`));
  });

  it('makes a fully sent invoice COLLECTED, flagged COLLECTED besides PAID and SENT, once', () => {
    const invoice = orderOf(2);
    expect(markInvoiceShipped(state, invoice).errors).toEqual([]);
    events.length = 0;
    expect(markInvoiceCollected(state, invoice).errors).toEqual([]);
    expect(invoiceStatus(state, invoice)).toBe('COLLECTED');
    expect(invoiceStatusFlags(state, invoice)).toEqual(['PAID', 'SENT', 'COLLECTED']);
    expect(invoice.collectedAt).toBe(invoice.updatedAt);
    expect(events).toEqual(['Invoice:update']);
    expect(markInvoiceCollected(state, invoice).errors).toEqual([]);
    expect(events).toEqual(['Invoice:update']);
  });

  it('refuses an invoice not sent in full, and changes nothing', () => {
    const invoice = orderOf(2);
    expect(markInvoiceCollected(state, invoice).errors).toEqual([
      { field: 'invoiceId', messages: ['Invoice must be sent in full before it is collected (it is PAID)'] },
    ]);
    const line = globalId('LineItem', invoice.lineItemIds[0]);
    createShipment(state, {
      invoiceId: globalId('Invoice', invoice.legacyId),
      shippedItems: [{ lineItemId: line, quantity: 1 }],
      postageCarrierId: globalId('ShipmentCarrier', 1),
      trackingNumber: 'T',
      dispatchedAt: state.now(),
    });
    expect(markInvoiceCollected(state, invoice).errors[0].messages[0]).toContain('(it is PARTIALLY_SENT)');
    markInvoiceCancelled(state, invoice);
    expect(markInvoiceCollected(state, invoice).errors[0].messages[0]).toContain('(it is CANCELLED)');
    expect(invoice.collectedAt).toBeNull();
    expect(invoiceStatusFlags(state, invoice)).not.toContain('COLLECTED');
  });
});
