import { mostInSpan, planBudget } from './budget-plan.js';
import { SpacedRemoteBudget, type BudgetSpent } from './remote-budget.js';
import { memoryBudgetStore } from './remote-budget-store.js';

/** A clock that moves only when something sleeps; sleepers wake in order of their wake-up time. */
function fakeTiming(lateByMs = 0) {
  let now = 5_000_000;
  return {
    now: () => now,
    sleep: (ms: number) => {
      now += ms + lateByMs;
      return Promise.resolve();
    },
  };
}

describe('SpacedRemoteBudget (GCRA in memory)', () => {
  const plan = planBudget({ limit: 10, windowMs: 1000 }, 30);

  async function grants(count: number, timing: ReturnType<typeof fakeTiming>, onSpent?: (spent: BudgetSpent) => void): Promise<number[]> {
    const budget = new SpacedRemoteBudget({ remote: 'ANYMARKET', name: 'anymarket', plan, store: memoryBudgetStore(), maxWaitMs: 60_000, timing, onSpent });
    const at: number[] = [];
    await Promise.all(
      Array.from({ length: count }, () =>
        budget.acquire('token').then(() => {
          at.push(timing.now());
        }),
      ),
    );
    return at.sort((a, b) => a - b);
  }

  it('serves a backlog one interval apart: the full limit less the margin, and never limit + 1 in a window and its margin', async () => {
    const timing = fakeTiming();
    const at = await grants(31, timing);
    const gaps = at.slice(1).map((t, i) => t - at[i]);
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(plan.intervalMs - plan.toleranceMs - 1);
    const perSecond = ((at.length - 1) / (at[at.length - 1] - at[0])) * 1000;
    expect(perSecond / 10).toBeGreaterThanOrEqual(0.96);
    for (let i = 0; i + 10 < at.length; i += 1) expect(at[i + 10] - at[i]).toBeGreaterThanOrEqual(1000 + 30);
    expect(mostInSpan(plan, 1000 + 30 - 1)).toBeLessThanOrEqual(10);
  });

  it('a waiter woken a little late (within the tolerance) does not move the later slots back', async () => {
    const timing = fakeTiming(3);
    const at = await grants(21, timing);
    const perSecond = ((at.length - 1) / (at[at.length - 1] - at[0])) * 1000;
    expect(perSecond / 10).toBeGreaterThanOrEqual(0.96);
  });

  it('reports how much of the limit the key used within about the last window', async () => {
    const spent: BudgetSpent[] = [];
    await grants(10, fakeTiming(), (each) => spent.push(each));
    expect(spent.map((each) => each.limit)).toEqual(Array(10).fill(10));
    expect(spent[0].used).toBe(1);
    expect(spent[9].used).toBeGreaterThan(6);
    expect(spent[9].used).toBeLessThanOrEqual(10);
    expect(spent[9].hashedKey).not.toContain('token');
  });

  it('fails with REMOTE_BUDGET_WAIT_EXCEEDED when no slot comes within the maximum wait, and keeps the slot for others', async () => {
    const timing = fakeTiming();
    const budget = new SpacedRemoteBudget({ remote: 'Test', name: 'test', plan, store: memoryBudgetStore(), maxWaitMs: 0, timing });
    await budget.acquire('k');
    await expect(budget.acquire('k')).rejects.toMatchObject({ code: 'REMOTE_BUDGET_WAIT_EXCEEDED', kind: 'rate_limited' });
    await expect(budget.acquire('another key')).resolves.toBeUndefined();
  });

  it('fails with REMOTE_BUDGET_STORE_FAILED when the store cannot be read', async () => {
    const store = { kind: 'memory' as const, take: () => Promise.reject(new Error('down')), close: () => Promise.resolve() };
    const budget = new SpacedRemoteBudget({ remote: 'Test', name: 'test', plan, store, maxWaitMs: 1000, timing: fakeTiming() });
    await expect(budget.acquire('k')).rejects.toMatchObject({ code: 'REMOTE_BUDGET_STORE_FAILED' });
  });
});
