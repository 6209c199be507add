import { setTimeout as sleep } from 'node:timers/promises';
import { PerKeyRateLimiter } from './per-key-rate-limiter.js';

describe('PerKeyRateLimiter', () => {
  it('holds requests beyond the limit while the earlier ones are in flight, then serves them in order', async () => {
    const limiter = new PerKeyRateLimiter(2, 20);
    const first = await limiter.acquire('token');
    await limiter.acquire('token');
    const order: number[] = [];
    const waiting = [3, 4].map((n) => limiter.acquire('token').then((release) => (order.push(n), release)));
    await sleep(60);
    expect(order).toEqual([]);
    const releasedAt = Date.now();
    first();
    (await waiting[0])();
    expect(Date.now() - releasedAt).toBeGreaterThanOrEqual(18);
    expect(order).toEqual([3]);
  });

  it('does not make one token wait for another', async () => {
    const limiter = new PerKeyRateLimiter(1, 10_000);
    await limiter.acquire('busy');
    const other = await limiter.acquire('other');
    expect(typeof other).toBe('function');
  });

  it('reuses a slot only a window after its answer arrived', async () => {
    const limiter = new PerKeyRateLimiter(1, 25);
    const release = await limiter.acquire('token');
    await sleep(40);
    const releasedAt = Date.now();
    release();
    release();
    await limiter.acquire('token');
    expect(Date.now() - releasedAt).toBeGreaterThanOrEqual(23);
  });
});
