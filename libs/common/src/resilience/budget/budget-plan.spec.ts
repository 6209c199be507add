import { planBudget } from './budget-plan.js';

describe('planBudget: the last `limit` slots of a key, a window and a margin apart', () => {
  it('keeps at least 0.97 of Marketplacer (published and lowered) and of ANYMARKET at full load', () => {
    expect(planBudget({ limit: 750, windowMs: 10_000 }, 250).throughputRatio).toBeGreaterThanOrEqual(0.97);
    expect(planBudget({ limit: 100, windowMs: 10_000 }, 250).throughputRatio).toBeGreaterThanOrEqual(0.97);
    expect(planBudget({ limit: 10, windowMs: 1_000 }, 30).throughputRatio).toBeGreaterThanOrEqual(0.97);
  });

  it('counts the margin into the span a slot waits for', () => {
    expect(planBudget({ limit: 10, windowMs: 1_000 }, 30)).toEqual({ limit: 10, windowMs: 1_000, spanMs: 1_030, gapMs: 100, throughputRatio: 1_000 / 1_030 });
  });

  it.each([
    [0, 1_000, 0],
    [2.5, 1_000, 0],
    [10, 0, 0],
    [10, 1_000, -1],
  ])('refuses %s per %s ms (margin %s)', (limit, windowMs, marginMs) => {
    expect(() => planBudget({ limit, windowMs }, marginMs)).toThrow('A remote limit needs');
  });
});
