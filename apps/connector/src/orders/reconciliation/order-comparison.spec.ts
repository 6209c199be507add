import type { OrderStatus } from '#anymarket';
import { compareOrder, isAccountOrder, needsPushAgain, type ComparedOrder, type PushCandidate } from './order-comparison.js';

const READ_AT = new Date('2026-03-01T12:00:00Z');
const BEFORE = new Date('2026-03-01T11:00:00Z');

function ours(known: OrderStatus | null, target: OrderStatus, state: ComparedOrder['state'] = 'synced', updatedAt = BEFORE): ComparedOrder {
  return { id: 1, state, anymarketStatus: known, targetStatus: target, updatedAt };
}

describe('comparing an ANYMARKET order with the connector’s', () => {
  it('an order of the account the connector does not know is unknown', () => {
    expect(compareOrder({ idAccount: 127, status: 'PAID' }, null, '127', READ_AT)).toEqual({ kind: 'unknown' });
    expect(compareOrder({ status: 'PAID' }, null, '127', READ_AT)).toEqual({ kind: 'unknown' });
  });

  it("another account's order is not this account's to judge", () => {
    expect(compareOrder({ idAccount: 128, status: 'PAID' }, null, '127', READ_AT)).toEqual({ kind: 'not-ours' });
    expect(isAccountOrder({ idAccount: 127 }, '127')).toBe(true);
    expect(isAccountOrder({}, '127')).toBe(true);
  });

  it('a status behind what the invoice calls for is behind (the invoice is the target, whatever was believed)', () => {
    expect(compareOrder({ status: 'PENDING' }, ours('PAID', 'PAID'), '127', READ_AT)).toEqual({ kind: 'behind', anymarketStatus: 'PENDING' });
    expect(compareOrder({ status: 'PAID' }, ours('PAID', 'SHIPPED', 'error'), '127', READ_AT)).toEqual({ kind: 'behind', anymarketStatus: 'PAID' });
    expect(compareOrder({ status: 'DELIVERED' }, ours('DELIVERED', 'CANCELED'), '127', READ_AT)).toEqual({ kind: 'behind', anymarketStatus: 'DELIVERED' });
  });

  it('a status past what the invoice calls for that the connector did not know is ahead; one it knows is in step', () => {
    expect(compareOrder({ status: 'SHIPPED' }, ours('PAID', 'PAID'), '127', READ_AT)).toEqual({ kind: 'ahead', anymarketStatus: 'SHIPPED' });
    expect(compareOrder({ status: 'CANCELED' }, ours('PAID', 'PAID'), '127', READ_AT)).toEqual({ kind: 'ahead', anymarketStatus: 'CANCELED' });
    // The seller invoiced in ANYMARKET and told the connector: INVOICED is never an invoice's target, and not a divergence.
    expect(compareOrder({ status: 'INVOICED' }, ours('INVOICED', 'PAID'), '127', READ_AT)).toEqual({ kind: 'in-step' });
  });

  it("ANYMARKET having what the invoice calls for while another status was believed adopts ANYMARKET's", () => {
    expect(compareOrder({ status: 'PAID' }, ours('PENDING', 'PAID', 'error'), '127', READ_AT)).toEqual({ kind: 'adopt', anymarketStatus: 'PAID' });
  });

  it('nothing differs: in step', () => {
    expect(compareOrder({ idAccount: 127, status: 'PAID' }, ours('PAID', 'PAID'), '127', READ_AT)).toEqual({ kind: 'in-step' });
    expect(compareOrder({ status: 'CANCELED' }, ours('CANCELED', 'CANCELED'), '127', READ_AT)).toEqual({ kind: 'in-step' });
  });

  it('an order with work under way, changed after the read, or without a status is left to the next run', () => {
    expect(compareOrder({ status: 'PENDING' }, ours('PAID', 'PAID', 'pending'), '127', READ_AT)).toEqual({ kind: 'busy' });
    expect(compareOrder({ status: 'PENDING' }, ours('PAID', 'PAID', 'synced', READ_AT), '127', READ_AT)).toEqual({ kind: 'busy' });
    expect(compareOrder({}, ours('PAID', 'PAID'), '127', READ_AT)).toEqual({ kind: 'busy' });
  });
});

describe('a paid order ANYMARKET lacks', () => {
  const NOW = new Date('2026-03-01T12:00:00Z');
  const PUSH_AFTER = 15 * 60_000;
  const old = new Date(NOW.getTime() - PUSH_AFTER - 1);
  function candidate(overrides: Partial<PushCandidate> = {}): PushCandidate {
    return {
      marketPlaceId: '10363',
      anymarketOrderId: null,
      targetStatus: 'PAID',
      state: 'error',
      createdAt: old,
      updatedAt: old,
      nextAttemptAt: null,
      ...overrides,
    };
  }

  it('is pushed again past the threshold when not in the list and without an ANYMARKET id', () => {
    expect(needsPushAgain(candidate(), new Set(), NOW, PUSH_AFTER)).toBe(true);
    expect(needsPushAgain(candidate({ state: 'synced', targetStatus: 'SHIPPED' }), new Set(['1']), NOW, PUSH_AFTER)).toBe(true);
  });

  it('is left alone before the threshold, when listed, when it has an ANYMARKET id, or when not paid', () => {
    expect(needsPushAgain(candidate({ createdAt: new Date(NOW.getTime() - PUSH_AFTER + 1000) }), new Set(), NOW, PUSH_AFTER)).toBe(false);
    expect(needsPushAgain(candidate(), new Set(['10363']), NOW, PUSH_AFTER)).toBe(false);
    expect(needsPushAgain(candidate({ anymarketOrderId: '55' }), new Set(), NOW, PUSH_AFTER)).toBe(false);
    expect(needsPushAgain(candidate({ targetStatus: 'PENDING' }), new Set(), NOW, PUSH_AFTER)).toBe(false);
    expect(needsPushAgain(candidate({ targetStatus: 'CANCELED', state: 'skipped' }), new Set(), NOW, PUSH_AFTER)).toBe(false);
  });

  it('a pending one only once its work has been due for as long (a lost job), never in the middle of its retries', () => {
    expect(needsPushAgain(candidate({ state: 'pending', nextAttemptAt: new Date(NOW.getTime() + 60_000) }), new Set(), NOW, PUSH_AFTER)).toBe(false);
    expect(needsPushAgain(candidate({ state: 'pending', updatedAt: new Date(NOW.getTime() - 1000) }), new Set(), NOW, PUSH_AFTER)).toBe(false);
    expect(needsPushAgain(candidate({ state: 'pending' }), new Set(), NOW, PUSH_AFTER)).toBe(true);
  });
});
