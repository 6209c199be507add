import { lineShippingOf, shippedLinesNote } from './shipped-lines.js';
import { invoice, lineItem, shipment } from '#test-support/connector/orders/invoice-fixture';

const SHOES = lineItem(800101, 2, 1990);
const BAG = lineItem(800102, 1, 12000);
const HAT = lineItem(800103, 1, 3000, { status: 'CANCELLED', variantSku: null });

const unshipped = invoice(8001, { lineItems: [SHOES, BAG, HAT] });
const oneShoe = invoice(8001, {
  status: 'PARTIALLY_SENT',
  statusFlags: ['PAID', 'PARTIALLY_SENT'],
  lineItems: [SHOES, BAG, HAT],
  shipments: [{ ...shipment(91, '2025-03-11T08:15:00-03:00', []), items: [{ lineItemId: SHOES.id, quantity: 1 }] }],
});
const allButBag = invoice(8001, {
  ...oneShoe,
  shipments: [...oneShoe.shipments, { ...shipment(92, '2025-03-11T09:15:00-03:00', []), items: [{ lineItemId: SHOES.id, quantity: 1 }] }],
});
const all = invoice(8001, {
  ...allButBag,
  status: 'SENT',
  statusFlags: ['PAID', 'SENT'],
  shipments: [...allButBag.shipments, shipment(93, '2025-03-12T09:15:00-03:00', [BAG])],
});

describe('shipped lines', () => {
  it('counts what is shipped and left of each open line (cancelled lines are not to ship)', () => {
    expect(lineShippingOf(oneShoe)).toEqual([
      { lineItemId: SHOES.id, label: 'MP-SKU-800101', shipped: 1, left: 1 },
      { lineItemId: BAG.id, label: 'MP-SKU-800102', shipped: 0, left: 1 },
    ]);
  });

  it('names the shipped and the not yet shipped lines (SKU × quantity) each time a partial shipment changes them', () => {
    expect(shippedLinesNote(unshipped, oneShoe)).toBe('shipped: MP-SKU-800101 × 1; not yet shipped: MP-SKU-800101 × 1, MP-SKU-800102 × 1');
    expect(shippedLinesNote(null, oneShoe)).toBe('shipped: MP-SKU-800101 × 1; not yet shipped: MP-SKU-800101 × 1, MP-SKU-800102 × 1');
    expect(shippedLinesNote(oneShoe, allButBag)).toBe('shipped: MP-SKU-800101 × 2; not yet shipped: MP-SKU-800102 × 1');
    expect(shippedLinesNote(allButBag, all)).toBe('shipped: MP-SKU-800101 × 2, MP-SKU-800102 × 1; every line shipped now');
  });

  it('says nothing when the shipped lines did not change, or when the invoice went out whole at once', () => {
    expect(shippedLinesNote(oneShoe, { ...oneShoe, updatedAt: '2025-03-12T00:00:00-03:00' })).toBeNull();
    expect(shippedLinesNote(unshipped, unshipped)).toBeNull();
    const whole = invoice(8001, { ...all, shipments: [shipment(94, '2025-03-12T09:15:00-03:00', [SHOES, BAG])] });
    expect(shippedLinesNote(unshipped, whole)).toBeNull();
    expect(shippedLinesNote(null, whole)).toBeNull();
  });
});
