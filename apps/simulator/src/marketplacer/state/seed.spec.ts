import { SEED_EPOCH, SimulatorClock } from './clock.js';
import { invoiceStatus } from './derived.js';
import { seedState } from './seed.js';

const size = { sellers: 5, adverts: 200, invoices: 24 };

describe('seedState', () => {
  it('is deterministic: the same size gives the same records and timestamps', () => {
    const a = seedState(size, new SimulatorClock(() => 0));
    const b = seedState(size, new SimulatorClock(() => 0));
    const snapshot = (s: typeof a) =>
      JSON.stringify([
        [...s.sellers.values()],
        [...s.invoices.values()],
        s.advertsById.slice(0, 20).map(({ variants, ...rest }) => [rest, variants.map(({ advert: _a, ...v }) => v)]),
      ]);
    expect(snapshot(a)).toBe(snapshot(b));
    expect(a.advertsById[0].createdAt).toBe(SEED_EPOCH);
  });

  it('has RETAILERs online, one PROSPECTIVE, one offline and one deleted seller', () => {
    const sellers = [...seedState(size).sellers.values()];
    expect(sellers.map((s) => [s.accountType, s.online, s.deletedAt !== null])).toEqual([
      ['RETAILER', true, false],
      ['RETAILER', true, false],
      ['RETAILER', true, false],
      ['PROSPECTIVE', false, false],
      ['RETAILER', false, false],
      ['RETAILER', false, true],
    ]);
  });

  it('has adverts in every state, sorted by update time, with unique SKUs and valid EAN-13 barcodes', () => {
    const state = seedState(size);
    const adverts = state.advertsById;
    expect(adverts.some((a) => !a.published)).toBe(true);
    expect(adverts.some((a) => a.deletedAt !== null)).toBe(true);
    expect(new Set(adverts.map((a) => a.vetting))).toEqual(new Set(['APPROVED', 'PENDING', 'REJECTED']));
    const order = state.advertsByUpdate.map((a) => a.updatedAt);
    expect(order).toEqual([...order].sort((x, y) => x - y));
    const variants = [...state.variants.values()];
    expect(new Set(variants.map((v) => v.sku)).size).toBe(variants.length);
    for (const { barcode } of variants.slice(0, 50)) {
      const digits = [...barcode!].map(Number);
      const sum = digits.slice(0, 12).reduce((total, d, i) => total + d * (i % 2 === 0 ? 1 : 3), 0);
      expect((10 - (sum % 10)) % 10).toBe(digits[12]);
    }
  });

  it('has invoices in every status, and later changes stamped after the seed', () => {
    const state = seedState(size);
    const statuses = new Set([...state.invoices.values()].map((i) => invoiceStatus(state, i)));
    expect(statuses).toEqual(new Set(['AWAITING_PAYMENT', 'PAID', 'SENT', 'PARTIALLY_SENT', 'CANCELLED', 'REFUNDED']));
    const latest = Math.max(...[...state.invoices.values()].map((i) => i.updatedAt));
    expect(state.now()).toBeGreaterThan(latest);
  });

  it('keeps the update order when an advert is touched', () => {
    const state = seedState(size);
    const advert = state.advertsById[10];
    state.touchAdvert(advert);
    expect(state.advertsByUpdate.at(-1)).toBe(advert);
    expect(state.advertsByUpdate).toHaveLength(200);
  });
});
