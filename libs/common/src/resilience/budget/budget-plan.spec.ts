import { mostInSpan, planBudget } from './budget-plan.js';

describe('planBudget: spaced slots that never exceed a sliding-window limit', () => {
  it.each([
    [750, 10_000, 250],
    [100, 10_000, 250],
    [20, 1_000, 30],
    [10, 1_000, 30],
    [3, 1_000, 50],
    [1, 1_000, 0],
  ])('%i per %i ms (margin %i ms): no span shorter than window + margin holds more than the limit', (limit, windowMs, marginMs) => {
    const plan = planBudget({ limit, windowMs }, marginMs);
    expect(mostInSpan(plan, windowMs + marginMs - 1)).toBeLessThanOrEqual(limit);
  });

  it("keeps at least 0.96 of Marketplacer's budget (published and lowered) and of ANYMARKET's 10 per second", () => {
    expect(planBudget({ limit: 750, windowMs: 10_000 }, 250).throughputRatio).toBeGreaterThanOrEqual(0.97);
    expect(planBudget({ limit: 100, windowMs: 10_000 }, 250).throughputRatio).toBeGreaterThanOrEqual(0.97);
    expect(planBudget({ limit: 10, windowMs: 1_000 }, 30).throughputRatio).toBeGreaterThanOrEqual(0.96);
  });

  it('a burst allowance of the whole limit would let limit + 1 requests into one window', () => {
    const bursty = { ...planBudget({ limit: 10, windowMs: 1_000 }, 0, 0), toleranceMs: 900 };
    expect(mostInSpan(bursty, 1_000)).toBeGreaterThan(10);
  });

  it('refuses a limit it cannot keep', () => {
    expect(() => planBudget({ limit: 0, windowMs: 1_000 }, 0)).toThrow('at least 1 request');
  });
});
