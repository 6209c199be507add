import { planBudget } from './budget-plan.js';
import { SlidingRemoteBudget, type BudgetSpent } from './remote-budget.js';
import { memoryBudgetStore } from './remote-budget-store.js';

/**
 * A clock that moves only when something sleeps (after the callbacks already due have run); each
 * sleep ends `lateByMs` after it should (a busy event loop).
 */
function fakeTiming(lateByMs = 0) {
  let now = 5_000_000;
  return {
    now: () => now,
    sleep: (ms: number) =>
      Promise.resolve().then(() => {
        now += ms + lateByMs;
      }),
  };
}

describe('SlidingRemoteBudget (the last `limit` slots of each key, in memory)', () => {
  const plan = planBudget({ limit: 10, windowMs: 1000 }, 30);

  async function grants(count: number, timing: ReturnType<typeof fakeTiming>, onSpent?: (spent: BudgetSpent) => void): Promise<number[]> {
    const budget = new SlidingRemoteBudget({ remote: 'ANYMARKET', name: 'anymarket', plan, store: memoryBudgetStore(), maxWaitMs: 60_000, timing, onSpent });
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

  /** Slots per second from the first slot after the opening burst to the last, over the limit. */
  function steadyRatio(at: number[]): number {
    const steady = at.slice(10);
    return ((steady.length - 1) / (steady[steady.length - 1] - steady[0])) * 1000 / 10;
  }

  it('serves a backlog at the full limit less the margin, and never limit + 1 slots within a window and its margin', async () => {
    const at = await grants(41, fakeTiming());
    for (let i = 0; i + 10 < at.length; i += 1) expect(at[i + 10] - at[i]).toBeGreaterThanOrEqual(1030);
    expect(steadyRatio(at)).toBeGreaterThanOrEqual(0.97);
  });

  it('a waiter woken late moves only the slot a window later, not every slot after it', async () => {
    const at = await grants(41, fakeTiming(5));
    for (let i = 0; i + 10 < at.length; i += 1) expect(at[i + 10] - at[i]).toBeGreaterThanOrEqual(1030);
    // 10 per 1,035 ms: each late wake-up costs 5 ms a window, not 5 ms a slot (which would give 10 per 1,080).
    expect(steadyRatio(at)).toBeGreaterThanOrEqual(0.96);
  });

  it('reports how much of the limit the key used within about the last window', async () => {
    const spent: BudgetSpent[] = [];
    await grants(10, fakeTiming(), (each) => spent.push(each));
    expect(spent.map((each) => each.limit)).toEqual(Array(10).fill(10));
    // The first caller alone, then the other nine in one round trip: the window holds all ten.
    expect(spent.map((each) => each.used)).toEqual([1, ...Array(9).fill(10)]);
    expect(spent[9].hashedKey).not.toContain('token');
  });

  it('fails with REMOTE_BUDGET_WAIT_EXCEEDED when no slot comes within the maximum wait, and leaves other keys alone', async () => {
    const budget = new SlidingRemoteBudget({ remote: 'Test', name: 'test', plan, store: memoryBudgetStore(), maxWaitMs: 0, timing: fakeTiming() });
    for (let i = 0; i < 10; i += 1) await budget.acquire('k');
    await expect(budget.acquire('k')).rejects.toMatchObject({ code: 'REMOTE_BUDGET_WAIT_EXCEEDED', kind: 'rate_limited' });
    await expect(budget.acquire('another key')).resolves.toBeUndefined();
  });

  it('asks the store once for a burst of callers (up to MAX_SLOTS_PER_TAKE at a time)', async () => {
    const store = memoryBudgetStore();
    const wanted: number[] = [];
    const counting = { ...store, take: (key: string, p: typeof plan, now: number, count: number) => (wanted.push(count), store.take(key, p, now, count)) };
    const budget = new SlidingRemoteBudget({ remote: 'Test', name: 'test', plan: planBudget({ limit: 100, windowMs: 1000 }, 0), store: counting, maxWaitMs: 0, timing: fakeTiming() });
    await Promise.all(Array.from({ length: 80 }, () => budget.acquire('k')));
    expect(wanted).toEqual([1, 64, 15]);
  });

  it('fails with REMOTE_BUDGET_STORE_FAILED when the store cannot be read', async () => {
    const store = { kind: 'memory' as const, take: () => Promise.reject(new Error('down')), close: () => Promise.resolve() };
    const budget = new SlidingRemoteBudget({ remote: 'Test', name: 'test', plan, store, maxWaitMs: 1000, timing: fakeTiming() });
    await expect(budget.acquire('k')).rejects.toMatchObject({ code: 'REMOTE_BUDGET_STORE_FAILED' });
  });
});
