import { VirtualClock } from '#common/testing';
import { planBudget } from './budget-plan.js';
import { SlidingRemoteBudget, type BudgetSpent } from './remote-budget.js';
import { memoryBudgetStore, type TakeRequest } from './remote-budget-store.js';

describe('SlidingRemoteBudget (the last `limit` slots of each key, in memory)', () => {
  const plan = planBudget({ limit: 10, windowMs: 1000 }, 30);

  async function grants(count: number, clock: VirtualClock, onSpent?: (spent: BudgetSpent) => void): Promise<number[]> {
    const budget = new SlidingRemoteBudget({
      remote: 'ANYMARKET',
      name: 'anymarket',
      plan,
      store: memoryBudgetStore(),
      maxWaitMs: 60_000,
      timing: clock,
      onSpent,
    });
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

  it("serves a backlog at the full limit less the margin: spread at the limit's pace, never limit + 1 within a window and its margin", async () => {
    const at = await grants(41, new VirtualClock());
    for (let i = 0; i + 10 < at.length; i += 1) expect(at[i + 10] - at[i]).toBeGreaterThanOrEqual(1030);
    for (let i = 0; i + 1 < at.length; i += 1) expect(at[i + 1] - at[i]).toBeGreaterThanOrEqual(100);
    expect(ratio(at)).toBeGreaterThanOrEqual(0.97);
  });

  it('a waiter woken late is caught up on within the window, and the slot a window later counts from when it left', async () => {
    const at = await grants(41, new VirtualClock(1_000_000, 3));
    // Each request leaves 3 ms late; reported, the slot a window later still comes 1,030 ms after it.
    for (let i = 0; i + 10 < at.length; i += 1) expect(at[i + 10] - at[i]).toBeGreaterThanOrEqual(1030);
    expect(ratio(at)).toBeGreaterThanOrEqual(0.96);
  });

  it('counts a slot from when its caller says the request left (TakenSlot.left), when that is later than the slot', async () => {
    const clock = new VirtualClock();
    const budget = new SlidingRemoteBudget({ remote: 'ANYMARKET', name: 'anymarket', plan, store: memoryBudgetStore(), maxWaitMs: 60_000, timing: clock });
    const departures: number[] = [];
    // Every third request leaves 45 ms after its slot (the event loop stalled before the HTTP client wrote
    // it), more than the 30 ms margin: reported, the slot a window later waits for it.
    await clock.settle(
      Promise.all(
        Array.from({ length: 41 }, async (_, i) => {
          const slot = await budget.acquire('token');
          if (i % 3 === 0) await clock.sleep(45);
          slot.left();
          departures.push(clock.now());
        }),
      ),
    );
    departures.sort((a, b) => a - b);
    for (let i = 0; i + 10 < departures.length; i += 1) expect(departures[i + 10] - departures[i]).toBeGreaterThanOrEqual(1030);
    expect(ratio(departures)).toBeGreaterThanOrEqual(0.9);
  });

  it('reports how much of the limit the key has within the last window', async () => {
    const spent: BudgetSpent[] = [];
    await grants(10, new VirtualClock(), (each) => spent.push(each));
    expect(spent.map((each) => each.limit)).toEqual(Array(10).fill(10));
    // Slots taken ahead (within half a span) count at once: the figure never falls while the backlog lasts, and ends at the limit.
    const used = spent.map((each) => each.used);
    expect(used[0]).toBe(1);
    expect(used.every((each, i) => i === 0 || each >= used[i - 1])).toBe(true);
    expect(used[9]).toBe(10);
    expect(spent[9].hashedKey).not.toContain('token');
  });

  it('fails with REMOTE_BUDGET_WAIT_EXCEEDED when no slot comes within the maximum wait, and leaves other keys alone', async () => {
    const clock = new VirtualClock();
    const budget = new SlidingRemoteBudget({ remote: 'Test', name: 'test', plan, store: memoryBudgetStore(), maxWaitMs: 0, timing: clock });
    await clock.settle(budget.acquire('k'));
    await expect(clock.settle(budget.acquire('k'))).rejects.toMatchObject({ code: 'REMOTE_BUDGET_WAIT_EXCEEDED', kind: 'rate_limited' });
    await expect(clock.settle(budget.acquire('another key'))).resolves.toEqual({ left: expect.any(Function) });
  });

  it('asks the store once for a burst of callers (up to MAX_SLOTS_PER_TAKE at a time), each slot at its time', async () => {
    const store = memoryBudgetStore();
    const wanted: number[] = [];
    const counting = {
      ...store,
      take: (key: string, p: typeof plan, request: TakeRequest) => (wanted.push(request.wanted), store.take(key, p, request)),
    };
    const clock = new VirtualClock();
    const budget = new SlidingRemoteBudget({
      remote: 'Test',
      name: 'test',
      plan: planBudget({ limit: 1000, windowMs: 10_000 }, 0),
      store: counting,
      maxWaitMs: 5000,
      timing: clock,
    });
    await clock.settle(Promise.all(Array.from({ length: 80 }, () => budget.acquire('k'))));
    // 1,000 per 10 s, 10 ms apart: the first alone, then 64 and 15 within the next second (RESERVE_AHEAD_MS).
    expect(wanted).toEqual([1, 64, 15]);
  });

  it('fails with REMOTE_BUDGET_STORE_FAILED when the store cannot be read', async () => {
    const store = { kind: 'memory' as const, take: () => Promise.reject(new Error('down')), close: () => Promise.resolve() };
    const budget = new SlidingRemoteBudget({ remote: 'Test', name: 'test', plan, store, maxWaitMs: 1000, timing: new VirtualClock() });
    await expect(budget.acquire('k')).rejects.toMatchObject({ code: 'REMOTE_BUDGET_STORE_FAILED' });
  });
});
