import { VirtualClock } from '#common/testing';
import { planBudget } from './budget-plan.js';
import { SlidingRemoteBudget, type BudgetSpent } from './remote-budget.js';
import { memoryBudgetStore } from './remote-budget-store.js';

describe('SlidingRemoteBudget (the last `limit` slots of each key, in memory)', () => {
  const plan = planBudget({ limit: 10, windowMs: 1000 }, 30);

  async function grants(count: number, clock: VirtualClock, onSpent?: (spent: BudgetSpent) => void): Promise<number[]> {
    const budget = new SlidingRemoteBudget({ remote: 'ANYMARKET', name: 'anymarket', plan, store: memoryBudgetStore(), maxWaitMs: 60_000, timing: clock, onSpent });
    const at: number[] = [];
    await clock.settle(
      Promise.all(
        Array.from({ length: count }, () =>
          budget.acquire('token').then(() => {
            at.push(clock.now());
          }),
        ),
      ),
    );
    return at.sort((a, b) => a - b);
  }

  /** Slots per second from the first to the last, over the limit. */
  function ratio(at: number[]): number {
    return ((at.length - 1) / (at[at.length - 1] - at[0])) * 100;
  }

  it('serves a backlog at the full limit less the margin: spread at the limit\'s pace, never limit + 1 within a window and its margin', async () => {
    const at = await grants(41, new VirtualClock());
    for (let i = 0; i + 10 < at.length; i += 1) expect(at[i + 10] - at[i]).toBeGreaterThanOrEqual(1030);
    for (let i = 0; i + 1 < at.length; i += 1) expect(at[i + 1] - at[i]).toBeGreaterThanOrEqual(100);
    expect(ratio(at)).toBeGreaterThanOrEqual(0.97);
  });

  it('a waiter woken late is caught up on within the window, not pushing every slot after it back', async () => {
    const at = await grants(41, new VirtualClock(1_000_000, 3));
    for (let i = 0; i + 10 < at.length; i += 1) expect(at[i + 10] - at[i]).toBeGreaterThanOrEqual(1030);
    // Slots keep their times; a request leaves 3 ms after its slot. Pure spacing would give 10 per 1,060.
    expect(ratio(at)).toBeGreaterThanOrEqual(0.97);
  });

  it('reports how much of the limit the key has within the last window', async () => {
    const spent: BudgetSpent[] = [];
    await grants(10, new VirtualClock(), (each) => spent.push(each));
    expect(spent.map((each) => each.limit)).toEqual(Array(10).fill(10));
    // The first caller alone, then the other nine in one round trip (slots within the next second).
    expect(spent.map((each) => each.used)).toEqual([1, ...Array(9).fill(10)]);
    expect(spent[9].hashedKey).not.toContain('token');
  });

  it('fails with REMOTE_BUDGET_WAIT_EXCEEDED when no slot comes within the maximum wait, and leaves other keys alone', async () => {
    const clock = new VirtualClock();
    const budget = new SlidingRemoteBudget({ remote: 'Test', name: 'test', plan, store: memoryBudgetStore(), maxWaitMs: 0, timing: clock });
    await clock.settle(budget.acquire('k'));
    await expect(clock.settle(budget.acquire('k'))).rejects.toMatchObject({ code: 'REMOTE_BUDGET_WAIT_EXCEEDED', kind: 'rate_limited' });
    await expect(clock.settle(budget.acquire('another key'))).resolves.toBeUndefined();
  });

  it('asks the store once for a burst of callers (up to MAX_SLOTS_PER_TAKE at a time), each slot at its time', async () => {
    const store = memoryBudgetStore();
    const wanted: number[] = [];
    const counting = {
      ...store,
      take: (key: string, p: typeof plan, now: number, count: number, horizonMs: number) => (wanted.push(count), store.take(key, p, now, count, horizonMs)),
    };
    const clock = new VirtualClock();
    const budget = new SlidingRemoteBudget({ remote: 'Test', name: 'test', plan: planBudget({ limit: 100, windowMs: 1000 }, 0), store: counting, maxWaitMs: 5000, timing: clock });
    await clock.settle(Promise.all(Array.from({ length: 80 }, () => budget.acquire('k'))));
    // 100 per second at 10 ms apart: the first alone, then 64 and 15 within the next second.
    expect(wanted).toEqual([1, 64, 15]);
  });

  it('fails with REMOTE_BUDGET_STORE_FAILED when the store cannot be read', async () => {
    const store = { kind: 'memory' as const, take: () => Promise.reject(new Error('down')), close: () => Promise.resolve() };
    const budget = new SlidingRemoteBudget({ remote: 'Test', name: 'test', plan, store, maxWaitMs: 1000, timing: new VirtualClock() });
    await expect(budget.acquire('k')).rejects.toMatchObject({ code: 'REMOTE_BUDGET_STORE_FAILED' });
  });
});
