import { VirtualClock } from '#common/testing';
import { planBudget } from './budget-plan.js';
import { BudgetShare, BudgetShares, type BudgetShareOptions } from './budget-share.js';
import { SlidingRemoteBudget } from './remote-budget.js';
import { memoryBudgetStore, type RemoteBudgetStore } from './remote-budget-store.js';

/** A clock that moves only when something sleeps. */
function fakeTiming() {
  let now = 1_000_000;
  const slept: number[] = [];
  return {
    slept,
    now: () => now,
    sleep: (ms: number) => {
      slept.push(ms);
      now += ms;
      return Promise.resolve();
    },
  };
}

/** The memory store, recording the prefixes of the keys it is asked for. */
function recordingStore(): RemoteBudgetStore & { prefixes: Set<string> } {
  const store = memoryBudgetStore();
  const prefixes = new Set<string>();
  return {
    ...store,
    prefixes,
    take: (key, plan, request) => {
      prefixes.add(key.slice(0, key.indexOf(':')));
      return store.take(key, plan, request);
    },
  };
}

const idle = { pressureOf: (_key: string) => ({ used: 0, limit: 100 }) };

/** Marketplacer's limit (750 per 10 s) and ANYMARKET's (10 per second), with their margins. */
const MARKETPLACER = { remote: 'Marketplacer', name: 'marketplacer-reconciliation', limit: { limit: 750, windowMs: 10_000 }, marginMs: 250 };
const ANYMARKET = { remote: 'ANYMARKET', name: 'anymarket-reconciliation', limit: { limit: 10, windowMs: 1000 }, marginMs: 30 };

/** A 20 % share of `remote`'s limit on the fake clock. */
function shareOf(
  remote: typeof MARKETPLACER,
  timing: ReturnType<typeof fakeTiming>,
  options: { parent: BudgetShareOptions['parent']; maxWaitMs: number; store?: RemoteBudgetStore },
): BudgetShare {
  return new BudgetShare({
    ...remote,
    fraction: 0.2,
    store: options.store ?? memoryBudgetStore(),
    parent: options.parent,
    maxWaitMs: options.maxWaitMs,
    timing,
  });
}

describe('BudgetShare', () => {
  it('takes at most its fraction of the limit (150 of 750 per 10 s), counted under its own prefix', async () => {
    const clock = new VirtualClock();
    const store = recordingStore();
    const share = new BudgetShare({ ...MARKETPLACER, fraction: 0.2, store, parent: idle, maxWaitMs: 60_000, timing: clock });
    const at: number[] = [];
    await clock.settle(Promise.all(Array.from({ length: 301 }, () => share.acquire('key').then(() => at.push(clock.now())))));
    at.sort((a, b) => a - b);
    for (let i = 0; i + 150 < at.length; i += 1) expect(at[i + 150] - at[i]).toBeGreaterThanOrEqual(10_250);
    expect([...store.prefixes]).toEqual(['marketplacer-reconciliation']);
  });

  it('waits while the other work has used more than 1 − fraction of the limit, until enough of it has aged out', async () => {
    const timing = fakeTiming();
    const busyUntil = timing.now() + 700;
    const parent = { pressureOf: () => (timing.now() < busyUntil ? { used: 90, limit: 100 } : { used: 0, limit: 100 }) };
    const share = shareOf(ANYMARKET, timing, { parent, maxWaitMs: 5000 });
    await share.acquire('token');
    // 90 used, the mark at 80: a ninth of the window, then again until the other work stops.
    expect(timing.slept[0]).toBe(Math.ceil(1000 * (1 - 80 / 90)));
    expect(timing.now()).toBeGreaterThanOrEqual(busyUntil);
  });

  it('does not wait while the other work leaves its fraction free', async () => {
    const timing = fakeTiming();
    const parent = { pressureOf: () => ({ used: 80, limit: 100 }) };
    const share = shareOf(ANYMARKET, timing, { parent, maxWaitMs: 5000 });
    await share.acquire('token');
    expect(timing.slept).toEqual([]);
  });

  it('stops with REMOTE_BUDGET_WAIT_EXCEEDED when the remote stays busy longer than it may wait', async () => {
    const timing = fakeTiming();
    const parent = { pressureOf: () => ({ used: 100, limit: 100 }) };
    const share = shareOf(MARKETPLACER, timing, { parent, maxWaitMs: 5000 });
    await expect(share.acquire('key')).rejects.toMatchObject({ code: 'REMOTE_BUDGET_WAIT_EXCEEDED' });
    expect(timing.slept).toEqual([2000, 2000]);
  });

  it("yields to the remote's one budget while its window is full (pressureOf), and no longer once enough has aged out", async () => {
    const clock = new VirtualClock();
    const store = memoryBudgetStore();
    const plan = planBudget({ limit: 10, windowMs: 1000 }, 0);
    const budget = new SlidingRemoteBudget({ remote: 'ANYMARKET', name: 'anymarket', plan, store, maxWaitMs: 10_000, timing: clock });
    expect(budget.pressureOf('token')).toEqual({ used: 0, limit: 10 });
    await clock.settle(Promise.all(Array.from({ length: 10 }, () => budget.acquire('token'))));
    expect(budget.pressureOf('token')).toEqual({ used: 10, limit: 10 });
    expect(budget.pressureOf('another token').used).toBe(0);
    const share = new BudgetShare({ ...ANYMARKET, fraction: 0.2, store, parent: budget, maxWaitMs: 5000, timing: clock });
    const before = clock.now();
    await clock.settle(share.acquire('token'));
    // 10 used, the mark at 8: a fifth of the window.
    expect(clock.now() - before).toBe(200);
    expect(budget.pressureOf('token').used).toBeLessThanOrEqual(8);
  });

  it('BudgetShares hands out one share per name, fraction and wait, counted under `<prefix>-<name>`', async () => {
    const timing = fakeTiming();
    const store = recordingStore();
    const shares = new BudgetShares({
      remote: 'ANYMARKET',
      prefix: 'anymarket',
      limit: ANYMARKET.limit,
      marginMs: ANYMARKET.marginMs,
      store,
      parent: idle,
      timing,
    });
    const first = shares.share({ name: 'reconciliation', fraction: 0.2, maxWaitMs: 1000 });
    expect(shares.share({ name: 'reconciliation', fraction: 0.2, maxWaitMs: 1000 })).toBe(first);
    const other = shares.share({ name: 'reconciliation', fraction: 0.5, maxWaitMs: 1000 });
    expect(other).not.toBe(first);
    await first.acquire('token');
    await other.acquire('token');
    expect([...store.prefixes]).toEqual(['anymarket-reconciliation']);
  });

  it('refuses a fraction outside (0, 1]', () => {
    const options = { remote: 'X', name: 'x', limit: { limit: 10, windowMs: 1000 }, marginMs: 0, store: memoryBudgetStore(), parent: idle, maxWaitMs: 0 };
    expect(() => new BudgetShare({ ...options, fraction: 0 })).toThrow(/share/);
    expect(() => new BudgetShare({ ...options, fraction: 1.5 })).toThrow(/share/);
  });
});
