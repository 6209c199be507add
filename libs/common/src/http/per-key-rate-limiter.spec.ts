import { setImmediate as turn } from 'node:timers/promises';
import { PerKeyRateLimiter, type LimiterTiming } from './per-key-rate-limiter.js';

/** A virtual clock: sleeping moves it forward at once and records the wait. */
function virtualClock(): LimiterTiming & { sleeps: number[] } {
  let now = 0;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => now,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      now += ms;
    },
  };
}

describe('PerKeyRateLimiter', () => {
  it('holds requests beyond the limit while the earlier ones are in flight, then serves them in order', async () => {
    const clock = virtualClock();
    const limiter = new PerKeyRateLimiter(2, 20, clock);
    const first = await limiter.acquire('token');
    await limiter.acquire('token');
    const order: number[] = [];
    const waiting = [3, 4].map((n) => limiter.acquire('token').then((release) => (order.push(n), release)));
    await clock.sleep(60);
    await turn();
    expect(order).toEqual([]);
    const releasedAt = clock.now();
    first();
    (await waiting[0])();
    expect(clock.now() - releasedAt).toBe(20);
    expect(order).toEqual([3]);
  });

  it('does not make one token wait for another', async () => {
    const clock = virtualClock();
    const limiter = new PerKeyRateLimiter(1, 10_000, clock);
    await limiter.acquire('busy');
    const other = await limiter.acquire('other');
    expect(typeof other).toBe('function');
    expect(clock.sleeps).toEqual([]);
  });

  it('reuses a slot only a window after its answer arrived', async () => {
    const clock = virtualClock();
    const limiter = new PerKeyRateLimiter(1, 25, clock);
    const release = await limiter.acquire('token');
    await clock.sleep(40); // the answer takes 40 ms
    const releasedAt = clock.now();
    release();
    release(); // a second release changes nothing
    await limiter.acquire('token');
    expect(clock.now() - releasedAt).toBe(25);
  });
});
