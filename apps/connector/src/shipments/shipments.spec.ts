import { invoice, lineItem, shipment } from '#test-support/connector/orders/invoice-fixture';
import { carrierKeyOf } from './carrier-names.js';
import { dispatchDateOf } from './shipment-dispatcher.js';
import { carrierMapOf } from './shipments.config.js';
import { unshippedItemsOf } from './unshipped-lines.js';

describe('carrier names', () => {
  it('compares without case, accents, punctuation or extra spaces', () => {
    expect(carrierKeyOf('  Jadlog  Expresso ')).toBe(carrierKeyOf('jadlog expresso'));
    expect(carrierKeyOf('Correios - SEDEX')).toBe('correios sedex');
    expect(carrierKeyOf('Transportadora São João')).toBe('transportadora sao joao');
    expect(carrierKeyOf('DHL')).not.toBe(carrierKeyOf('DHL Express'));
  });
});

describe('SHIPMENT_CARRIER_MAP', () => {
  it('reads a JSON object of names', () => {
    expect([...carrierMapOf('{"Correios":"Australia Post","Jadlog":" StarTrack "}')]).toEqual([
      ['Correios', 'Australia Post'],
      ['Jadlog', 'StarTrack'],
    ]);
    expect(carrierMapOf('{}').size).toBe(0);
  });

  it.each(['not json', '[]', '"x"', '{"Correios":1}', '{"Correios":""}'])('refuses %s', (raw) => {
    expect(() => carrierMapOf(raw)).toThrow(/SHIPMENT_CARRIER_MAP/);
  });
});

describe('what is left to ship', () => {
  it('is every open line minus what shipments already carry', () => {
    const lines = [lineItem(1, 3, 1000), lineItem(2, 1, 500), lineItem(3, 2, 700, { status: 'CANCELLED' }), lineItem(4, 1, 100, { status: 'REFUNDED' })];
    const partly = invoice(5, { lineItems: lines, shipments: [shipment(1, '2026-11-26', [lines[0]], { items: [{ lineItemId: lines[0].id, quantity: 2 }] })] });
    expect(unshippedItemsOf(partly)).toEqual([
      { lineItemId: lines[0].id, quantity: 1 },
      { lineItemId: lines[1].id, quantity: 1 },
    ]);
  });

  it('is nothing once every unit is shipped', () => {
    const lines = [lineItem(1, 2, 1000)];
    const half = { items: [{ lineItemId: lines[0].id, quantity: 1 }] };
    const shipped = invoice(6, { lineItems: lines, shipments: [shipment(1, '2026-11-26', lines, half), shipment(2, '2026-11-27', lines, half)] });
    expect(unshippedItemsOf(shipped)).toEqual([]);
  });
});

describe('dispatch date', () => {
  const ORDERED = '2026-11-20T10:00:00+00:00';

  it("is the day ANYMARKET's shippedDate names, in the seller's own offset", () => {
    expect(dispatchDateOf('2026-11-26T23:30:00-03:00', ORDERED)).toBe('2026-11-26');
    expect(dispatchDateOf('2026-11-26', ORDERED)).toBe('2026-11-26');
  });

  it('is today (UTC) when absent or unreadable', () => {
    const now = new Date('2026-11-27T01:00:00Z');
    expect(dispatchDateOf(undefined, ORDERED, now)).toBe('2026-11-27');
    expect(dispatchDateOf('yesterday', ORDERED, now)).toBe('2026-11-27');
    expect(dispatchDateOf('2026-02-30T00:00:00Z', ORDERED, now)).toBe('2026-11-27');
  });

  it("is never before the invoice's own day (Marketplacer refuses that)", () => {
    expect(dispatchDateOf('2026-11-19T22:00:00-03:00', ORDERED)).toBe('2026-11-20');
    expect(dispatchDateOf('2026-11-21T08:00:00-03:00', ORDERED)).toBe('2026-11-21');
  });
});
