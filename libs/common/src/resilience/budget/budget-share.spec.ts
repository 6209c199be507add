import { RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { planBudget } from './budget-plan.js';
import { BudgetShare, BudgetShares, type BudgetShareOptions } from './budget-share.js';
import { FlexibleRemoteBudget } from './remote-budget.js';
import type { RemoteBudgetStore } from './remote-budget-store.js';

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

/** A store whose limiters count points per fixed window on the fake clock, as rate-limiter-flexible's do. */
function countingStore(timing: { now(): number }): RemoteBudgetStore & { prefixes: string[] } {
  const prefixes: string[] = [];
  return {
    kind: 'memory',
    prefixes,
    limiter: (name, plan) => {
      prefixes.push(name);
      const used = new Map<string, { points: number; endsAt: number }>();
      const limiter = {
        consume: (key: string) => {
          const now = timing.now();
          let window = used.get(key);
          if (!window || window.endsAt <= now) used.set(key, (window = { points: 0, endsAt: now + plan.subWindowMs }));
          if (window.points >= plan.points) return Promise.reject(new RateLimiterRes(window.endsAt - now, window.points));
          window.points += 1;
          return Promise.resolve(new RateLimiterRes(plan.points - window.points, window.endsAt - now, window.points));
        },
      };
      return Promise.resolve(limiter as unknown as RateLimiterAbstract);
    },
    close: () => Promise.resolve(),
  };
}

const idle = { pressureOf: (_key: string) => ({ used: 0, limit: 100, windowEndsAt: 0 }) };

/** Marketplacer's limit (750 per 10 s) and ANYMARKET's (10 per second), with their margins. */
const MARKETPLACER = { remote: 'Marketplacer', name: 'marketplacer-reconciliation', limit: { limit: 750, windowMs: 10_000 }, marginMs: 250 };
const ANYMARKET = { remote: 'ANYMARKET', name: 'anymarket-reconciliation', limit: { limit: 10, windowMs: 1000 }, marginMs: 50 };

/** A 20 % share of `remote`'s limit on the fake clock. */
function shareOf(
  remote: typeof MARKETPLACER,
  timing: ReturnType<typeof fakeTiming>,
  options: { parent: BudgetShareOptions['parent']; maxWaitMs: number; store?: RemoteBudgetStore },
): BudgetShare {
  return new BudgetShare({
    ...remote,
    fraction: 0.2,
    store: options.store ?? countingStore(timing),
    parent: options.parent,
    maxWaitMs: options.maxWaitMs,
    timing,
  });
}

describe('BudgetShare', () => {
  it('takes at most its fraction of the limit, counted under its own prefix', async () => {
    const timing = fakeTiming();
    const store = countingStore(timing);
    const share = shareOf(MARKETPLACER, timing, { store, parent: idle, maxWaitMs: 0 });
    const plan = planBudget({ limit: 150, windowMs: 10_000 }, 250);
    for (let i = 0; i < plan.points; i += 1) await share.acquire('key');
    await expect(share.acquire('key')).rejects.toMatchObject({ code: 'REMOTE_BUDGET_WAIT_EXCEEDED' });
    expect(store.prefixes).toEqual(['marketplacer-reconciliation']);
    expect(plan.points * (10_000 / plan.subWindowMs)).toBeLessThanOrEqual(150);
  });

  it('waits for the end of a window the other work fills past 1 − fraction, then takes its slot', async () => {
    const timing = fakeTiming();
    const windowEndsAt = timing.now() + 700;
    const parent = {
      pressureOf: () => (timing.now() < windowEndsAt ? { used: 90, limit: 100, windowEndsAt } : { used: 0, limit: 100, windowEndsAt: timing.now() }),
    };
    const share = shareOf(ANYMARKET, timing, { parent, maxWaitMs: 5000 });
    await share.acquire('token');
    expect(timing.slept).toEqual([700]);
  });

  it('does not wait while the other work leaves its fraction free', async () => {
    const timing = fakeTiming();
    const parent = { pressureOf: () => ({ used: 80, limit: 100, windowEndsAt: timing.now() + 500 }) };
    const share = shareOf(ANYMARKET, timing, { parent, maxWaitMs: 5000 });
    await share.acquire('token');
    expect(timing.slept).toEqual([]);
  });

  it('stops with REMOTE_BUDGET_WAIT_EXCEEDED when the remote stays busy longer than it may wait', async () => {
    const timing = fakeTiming();
    const parent = { pressureOf: () => ({ used: 100, limit: 100, windowEndsAt: timing.now() + 1000 }) };
    const share = shareOf(MARKETPLACER, timing, { parent, maxWaitMs: 2500 });
    await expect(share.acquire('key')).rejects.toMatchObject({ code: 'REMOTE_BUDGET_WAIT_EXCEEDED' });
    expect(timing.slept).toEqual([1000, 1000]);
  });

  it("yields to the remote's one budget as that budget fills its window (pressureOf), and not after the window ends", async () => {
    const timing = fakeTiming();
    const store = countingStore(timing);
    const plan = { points: 10, subWindowMs: 1000, throughputRatio: 1 };
    const budget = new FlexibleRemoteBudget({ remote: 'ANYMARKET', plan, limiter: store.limiter('anymarket', plan), maxWaitMs: 0, timing });
    expect(budget.pressureOf('token')).toMatchObject({ used: 0, limit: 10 });
    for (let i = 0; i < 9; i += 1) await budget.acquire('token');
    expect(budget.pressureOf('token')).toMatchObject({ used: 9, limit: 10 });
    expect(budget.pressureOf('another token')).toMatchObject({ used: 0 });
    const share = shareOf(ANYMARKET, timing, { store, parent: budget, maxWaitMs: 5000 });
    await share.acquire('token');
    expect(timing.slept).toEqual([1000]);
    expect(budget.pressureOf('token')).toMatchObject({ used: 0 });
  });

  it('BudgetShares hands out one share per name, fraction and wait, counted under `<prefix>-<name>`', () => {
    const timing = fakeTiming();
    const store = countingStore(timing);
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
    expect(shares.share({ name: 'reconciliation', fraction: 0.5, maxWaitMs: 1000 })).not.toBe(first);
    expect(store.prefixes).toEqual(['anymarket-reconciliation', 'anymarket-reconciliation']);
  });

  it('refuses a fraction outside (0, 1]', () => {
    const timing = fakeTiming();
    const options = { remote: 'X', name: 'x', limit: { limit: 10, windowMs: 1000 }, marginMs: 0, store: countingStore(timing), parent: idle, maxWaitMs: 0 };
    expect(() => new BudgetShare({ ...options, fraction: 0 })).toThrow(/share/);
    expect(() => new BudgetShare({ ...options, fraction: 1.5 })).toThrow(/share/);
  });
});
