import { SharedRefresh } from './shared-refresh.js';

/** A refresh the test ends by hand: each call is one run, numbered from 1. */
function manualRefreshes() {
  const runs: Array<{ resolve: (n: number) => void; reject: (error: Error) => void }> = [];
  const refresh = () =>
    new Promise<number>((resolve, reject) => {
      runs.push({ resolve, reject });
    });
  return { runs, refresh };
}

const flush = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('SharedRefresh', () => {
  it('runs at once when idle; callers during a run share one follow-up run that starts after it', async () => {
    const { runs, refresh } = manualRefreshes();
    const shared = new SharedRefresh(refresh);
    const first = shared.request();
    await flush();
    const during = [shared.request(), shared.request(), shared.request()];
    await flush();
    expect(runs).toHaveLength(1);

    runs[0].resolve(1);
    expect(await first).toBe(1);
    await flush();
    expect(runs).toHaveLength(2);
    runs[1].resolve(2);
    expect(await Promise.all(during)).toEqual([2, 2, 2]);
  });

  it('runs again for a caller after the last run ended, and never two at once', async () => {
    const { runs, refresh } = manualRefreshes();
    const shared = new SharedRefresh(refresh);
    const first = shared.request();
    await flush();
    const second = shared.request();
    runs[0].resolve(1);
    await first;
    await flush();
    // The follow-up runs; a caller now waits for a third, not for the one in flight.
    const third = shared.request();
    await flush();
    expect(runs).toHaveLength(2);
    runs[1].resolve(2);
    expect(await second).toBe(2);
    await flush();
    expect(runs).toHaveLength(3);
    runs[2].resolve(3);
    expect(await third).toBe(3);
    const later = shared.request();
    await flush();
    runs[3].resolve(4);
    expect(await later).toBe(4);
  });

  it('fails the callers of a failed run only; those waiting still get their run', async () => {
    const { runs, refresh } = manualRefreshes();
    const shared = new SharedRefresh(refresh);
    const first = shared.request();
    await flush();
    const waiting = shared.request();
    runs[0].reject(new Error('Marketplacer unavailable'));
    await expect(first).rejects.toThrow('Marketplacer unavailable');
    await flush();
    runs[1].resolve(2);
    expect(await waiting).toBe(2);
  });

  it('takes a refresh that throws at once as a failed run', async () => {
    let calls = 0;
    const shared = new SharedRefresh<number>(() => {
      calls++;
      if (calls === 1) throw new Error('no lease');
      return Promise.resolve(calls);
    });
    await expect(shared.request()).rejects.toThrow('no lease');
    expect(await shared.request()).toBe(2);
  });
});
