import { MIN_SUB_WINDOW_MS, planBudget, worstCaseInSpan } from './budget-plan.js';

describe('planBudget: fixed sub-windows that never exceed a sliding-window limit', () => {
  it.each([
    [750, 10_000, 250],
    [100, 10_000, 250],
    [20, 1_000, 50],
    [10, 1_000, 50],
    [3, 1_000, 50],
    [2, 1_000, 0],
  ])('%i per %i ms (margin %i ms): no span of window + margin holds more than the limit', (limit, windowMs, marginMs) => {
    const plan = planBudget({ limit, windowMs }, marginMs);
    expect(plan.points).toBeGreaterThanOrEqual(1);
    expect(Number.isInteger(plan.subWindowMs)).toBe(true);
    expect(worstCaseInSpan(plan, windowMs + marginMs)).toBeLessThanOrEqual(limit);
  });

  it("keeps at least 0.9 of Marketplacer's budget (published and lowered) and 0.85 of ANYMARKET's", () => {
    expect(planBudget({ limit: 750, windowMs: 10_000 }, 250).throughputRatio).toBeGreaterThanOrEqual(0.9);
    expect(planBudget({ limit: 100, windowMs: 10_000 }, 250).throughputRatio).toBeGreaterThanOrEqual(0.9);
    expect(planBudget({ limit: 10, windowMs: 1_000 }, 50).throughputRatio).toBeGreaterThanOrEqual(0.85);
  });

  it('does not cut sub-windows finer than MIN_SUB_WINDOW_MS when a longer one exists', () => {
    expect(planBudget({ limit: 750, windowMs: 10_000 }, 250).subWindowMs).toBeGreaterThanOrEqual(MIN_SUB_WINDOW_MS);
  });

  it('a naive fixed window (the limit per window) would allow twice the limit across a boundary', () => {
    expect(worstCaseInSpan({ points: 750, subWindowMs: 10_000, throughputRatio: 1 }, 10_000)).toBe(1500);
  });
});
