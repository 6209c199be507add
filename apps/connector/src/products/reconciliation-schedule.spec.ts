import { isDue, latestSlot, reconciliationTickMs, sellersPerRun, slotOffsetMs } from './reconciliation-schedule.js';

const HOUR = 3_600_000;

describe('reconciliation schedule (each seller at its own slot of the interval)', () => {
  it('spreads sellers over the interval: no slot holds many of 1,000 sellers', () => {
    const perMinute = new Map<number, number>();
    for (let id = 1; id <= 1000; id += 1) {
      const minute = Math.floor(slotOffsetMs(id, HOUR) / 60_000);
      perMinute.set(minute, (perMinute.get(minute) ?? 0) + 1);
    }
    expect(perMinute.size).toBeGreaterThan(55);
    expect(Math.max(...perMinute.values())).toBeLessThan(40);
  });

  it('is stable: the same account always has the same slot', () => {
    expect(slotOffsetMs(42, HOUR)).toBe(slotOffsetMs(42, HOUR));
    expect(slotOffsetMs(42, HOUR)).toBeLessThan(HOUR);
  });

  it('a seller is due once its slot came after its last pass, and not again until the next slot', () => {
    const id = 7;
    const slot = latestSlot(id, HOUR, new Date(10 * HOUR));
    expect(slot).toBeLessThanOrEqual(10 * HOUR);
    expect(slot).toBeGreaterThan(9 * HOUR);
    expect(isDue(id, HOUR, new Date(slot), new Date(slot - 1))).toBe(true);
    expect(isDue(id, HOUR, new Date(slot + 1), new Date(slot))).toBe(false);
    expect(isDue(id, HOUR, new Date(slot + HOUR - 1), new Date(slot))).toBe(false);
    expect(isDue(id, HOUR, new Date(slot + HOUR), new Date(slot))).toBe(true);
  });

  it('the job ticks at a sixtieth of the interval; a run is bounded', () => {
    expect(reconciliationTickMs(HOUR)).toBe(60_000);
    expect(reconciliationTickMs(30_000)).toBe(1_000);
    expect(sellersPerRun(1000)).toBe(34);
    expect(sellersPerRun(3)).toBe(10);
  });
});
