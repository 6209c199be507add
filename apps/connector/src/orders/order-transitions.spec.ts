import {
  CANCELED_STATUS_DTO,
  MARK_AS_CANCELED,
  MARK_AS_DELIVERED,
  MARK_AS_SHIPPED,
  schemaViolations,
  type AnymarketAccountContext,
  type AnymarketMarketplaceApi,
  type ObjectSchema,
} from '#anymarket';
import { transitionCall } from './order-transitions.js';
import { invoice, lineItem, shipment } from '#test-support/connector/orders/invoice-fixture';

const SHOES = lineItem(600101, 2, 1990);
const BAG = lineItem(600102, 1, 12000);
const SHIPPED = invoice(6001, { status: 'SENT', statusFlags: ['PAID', 'SENT'], lineItems: [SHOES, BAG], updatedAt: '2025-03-11T09:30:00-03:00' });

/** The simulator's (strict) schema of each markAs* body. */
const SCHEMA_OF: Record<string, ObjectSchema> = {
  markAsPaid: CANCELED_STATUS_DTO,
  markAsShipped: MARK_AS_SHIPPED,
  markAsDelivered: MARK_AS_DELIVERED,
  markAsCanceled: MARK_AS_CANCELED,
};

function violationsOf(call: { name: string; body: object }) {
  return schemaViolations(SCHEMA_OF[call.name], call.body);
}

describe('transitionCall', () => {
  it('PAID → markAsPaid with the payment time, offset kept', () => {
    const call = transitionCall(invoice(6002), 'PAID');
    expect(call.name).toBe('markAsPaid');
    expect(call.body).toEqual({ date: '2025-03-10T14:06:10-03:00' });
    expect(violationsOf(call)).toEqual([]);
  });

  it('PAID without a payment time (paid by flag) → the invoice’s last change stands for it', () => {
    const call = transitionCall(invoice(6002, { paidAt: null, updatedAt: '2025-03-10T14:09:00-03:00' }), 'PAID');
    expect(call.body).toEqual({ date: '2025-03-10T14:09:00-03:00' });
  });

  it('SHIPPED → markAsShipped with the carrier, tracking number, link and dispatch time of the one shipment', () => {
    const call = transitionCall({ ...SHIPPED, shipments: [shipment(71, '2025-03-11T08:15:00-03:00', [SHOES, BAG])] }, 'SHIPPED');
    expect(call.name).toBe('markAsShipped');
    expect(call.body).toEqual({
      status: 'SHIPPED',
      shippedDate: '2025-03-11T08:15:00-03:00',
      carrier: 'Correios',
      number: 'BR71SP',
      url: 'https://rastreamento.correios.com.br/?objeto=BR71SP',
    });
    expect(violationsOf(call)).toEqual([]);
  });

  it('SHIPPED in several shipments → the newest one’s carrier, link and time, every tracking number in dispatch order', () => {
    // Listed newest first; 11:00Z is 08:00 in São Paulo, so shipment 72 (09:00-03:00) is the newest.
    const shipments = [
      shipment(72, '2025-03-11T09:00:00-03:00', [BAG], {
        carrier: 'Jadlog',
        trackingNumber: 'JD000072',
        trackingLink: 'https://www.jadlog.com.br/tracking?cte=JD000072',
      }),
      shipment(71, '2025-03-11T11:00:00Z', [SHOES]),
    ];
    const call = transitionCall({ ...SHIPPED, shipments }, 'SHIPPED');
    expect(call.body).toEqual({
      status: 'SHIPPED',
      shippedDate: '2025-03-11T09:00:00-03:00',
      carrier: 'Jadlog',
      number: 'BR71SP, JD000072',
      url: 'https://www.jadlog.com.br/tracking?cte=JD000072',
    });
    expect(violationsOf(call)).toEqual([]);
  });

  it('SHIPPED: a tracking number shared by two shipments is sent once; blank numbers, links and carriers are left out', () => {
    const shipments = [
      shipment(71, '2025-03-11T08:00:00-03:00', [SHOES], { trackingNumber: 'BR71SP' }),
      shipment(72, '2025-03-11T08:30:00-03:00', [BAG], { trackingNumber: 'BR71SP' }),
      shipment(73, '2025-03-11T09:00:00-03:00', [], { trackingNumber: '', trackingLink: null, carrier: '' }),
    ];
    const call = transitionCall({ ...SHIPPED, shipments }, 'SHIPPED');
    expect(call.body).toEqual({ status: 'SHIPPED', shippedDate: '2025-03-11T09:00:00-03:00', number: 'BR71SP' });
    expect(violationsOf(call)).toEqual([]);
  });

  it('SHIPPED with no shipment recorded (flag only) → the invoice’s last change as the ship date', () => {
    const call = transitionCall(SHIPPED, 'SHIPPED');
    expect(call.body).toEqual({ status: 'SHIPPED', shippedDate: '2025-03-11T09:30:00-03:00' });
    expect(violationsOf(call)).toEqual([]);
  });

  it('SHIPPED: a dispatch time without an offset is read as UTC and given one', () => {
    const call = transitionCall({ ...SHIPPED, shipments: [shipment(71, '2025-03-11T11:15:00', [SHOES, BAG])] }, 'SHIPPED');
    expect(call.body).toMatchObject({ shippedDate: '2025-03-11T11:15:00.000Z' });
    expect(violationsOf(call)).toEqual([]);
  });

  it('DELIVERED → markAsDelivered and CANCELED → markAsCanceled, dated by the invoice’s last change (offset kept)', () => {
    const collected = invoice(6003, { status: 'COLLECTED', statusFlags: ['PAID', 'COLLECTED'], updatedAt: '2025-03-14T16:20:00-03:00' });
    const delivered = transitionCall(collected, 'DELIVERED');
    expect(delivered).toMatchObject({ name: 'markAsDelivered', body: { deliveredDate: '2025-03-14T16:20:00-03:00' } });
    expect(violationsOf(delivered)).toEqual([]);
    const cancelled = transitionCall({ ...collected, status: 'CANCELLED', statusFlags: ['PAID', 'CANCELLED'] }, 'CANCELED');
    expect(cancelled).toMatchObject({ name: 'markAsCanceled', body: { date: '2025-03-14T16:20:00-03:00' } });
    expect(violationsOf(cancelled)).toEqual([]);
  });

  it('has no call to PENDING or INVOICED', () => {
    expect(() => transitionCall(invoice(6004), 'PENDING')).toThrow('no marketplace-API transition leads to PENDING');
    expect(() => transitionCall(invoice(6004), 'INVOICED')).toThrow('no marketplace-API transition leads to INVOICED');
  });

  it('sends its body with the matching markAs* call, for the order’s marketPlaceId', async () => {
    const calls: unknown[][] = [];
    const record =
      (name: string) =>
      (...args: unknown[]) => {
        calls.push([name, ...args]);
        return Promise.resolve({});
      };
    const api = {
      markAsPaid: record('markAsPaid'),
      markAsShipped: record('markAsShipped'),
      markAsDelivered: record('markAsDelivered'),
      markAsCanceled: record('markAsCanceled'),
    } as unknown as AnymarketMarketplaceApi;
    const account: AnymarketAccountContext = { token: 'seller-token', useSandbox: false };
    for (const target of ['PAID', 'SHIPPED', 'DELIVERED', 'CANCELED'] as const) {
      const call = transitionCall(SHIPPED, target);
      await call.send(api, account, '6001');
      expect(calls.at(-1)).toEqual([call.name, account, '6001', call.body]);
    }
    expect(calls.map(([name]) => name)).toEqual(['markAsPaid', 'markAsShipped', 'markAsDelivered', 'markAsCanceled']);
  });
});
