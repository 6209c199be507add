import { PerKeyRateLimiter } from '#common';
import { FakeTiming } from '../testing/fake-timing.js';

/** The limiter as the Marketplacer client uses it: one key, a slot freed one window after its answer. */
describe('Marketplacer client rate limit (PerKeyRateLimiter on a virtual clock)', () => {
  it('lets at most `limit` callers through per window, in arrival order, dropping none', async () => {
    const timing = new FakeTiming(0);
    const limiter = new PerKeyRateLimiter(3, 1000, timing);
    const granted: Array<{ caller: number; at: number }> = [];
    await Promise.all(
      Array.from({ length: 10 }, (_, caller) =>
        limiter.acquire('key').then((release) => {
          granted.push({ caller, at: timing.now() });
          release();
        }),
      ),
    );
    expect(granted.map((g) => g.caller)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(granted.map((g) => g.at)).toEqual([0, 0, 0, 1000, 1000, 1000, 2000, 2000, 2000, 3000]);
  });

  it('does not wait while under the limit', async () => {
    const timing = new FakeTiming(0);
    const limiter = new PerKeyRateLimiter(5, 1000, timing);
    for (let i = 0; i < 5; i += 1) (await limiter.acquire('key'))();
    expect(timing.sleeps).toEqual([]);
  });

  it('counts a slot from when its answer arrived, so a slow answer delays the next window', async () => {
    const timing = new FakeTiming(0);
    const limiter = new PerKeyRateLimiter(1, 1000, timing);
    const first = await limiter.acquire('key');
    await timing.sleep(300); // the answer takes 300 ms
    first();
    (await limiter.acquire('key'))();
    expect(timing.now()).toBe(1300);
  });

  it('never lends a slot whose request is still in flight', async () => {
    const timing = new FakeTiming(0);
    const limiter = new PerKeyRateLimiter(1, 1000, timing);
    const first = await limiter.acquire('key');
    let second = false;
    const waiting = limiter.acquire('key').then((release) => {
      second = true;
      release();
    });
    await timing.sleep(5000);
    await Promise.resolve();
    expect(second).toBe(false);
    first();
    await waiting;
    expect(second).toBe(true);
  });
});
