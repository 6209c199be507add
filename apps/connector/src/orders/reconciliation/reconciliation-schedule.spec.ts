import { isReconciliationDue, latestSlotOf, slotOffsetOf } from './reconciliation-schedule.js';

const HOUR = 3_600_000;

describe("each account's reconciliation slot", () => {
  it('spreads accounts over the interval, the same on every replica', () => {
    const offsets = Array.from({ length: 12 }, (_, i) => slotOffsetOf(i + 1, HOUR));
    for (const offset of offsets) expect(offset).toBeGreaterThanOrEqual(0);
    for (const offset of offsets) expect(offset).toBeLessThan(HOUR);
    // Twelve accounts fall in at least eight of twelve five-minute ticks.
    expect(new Set(offsets.map((offset) => Math.floor(offset / (HOUR / 12)))).size).toBeGreaterThanOrEqual(8);
    expect(slotOffsetOf(7, HOUR)).toBe(slotOffsetOf(7, HOUR));
  });

  it('is due once per interval: not since its latest slot', () => {
    const now = new Date('2026-03-01T12:00:00Z');
    const slot = latestSlotOf(3, HOUR, now);
    expect(slot.getTime()).toBeLessThanOrEqual(now.getTime());
    expect(now.getTime() - slot.getTime()).toBeLessThan(HOUR);
    expect(isReconciliationDue(3, undefined, HOUR, now)).toBe(true);
    expect(isReconciliationDue(3, new Date(slot.getTime() - 1), HOUR, now)).toBe(true);
    expect(isReconciliationDue(3, slot, HOUR, now)).toBe(false);
    expect(isReconciliationDue(3, slot, HOUR, new Date(slot.getTime() + HOUR))).toBe(true);
  });
});
