import { ShortLivedMemo } from './short-lived-memo.js';

describe('ShortLivedMemo', () => {
  const clock = { now: 0 };
  const nowMs = () => clock.now;
  beforeEach(() => (clock.now = 0));

  function counter(values: string[] = []) {
    let reads = 0;
    return {
      read: () => Promise.resolve(values[reads++] ?? `read ${reads}`),
      reads: () => reads,
    };
  }

  it('answers one key from one read until the period ends, then reads again', async () => {
    const memo = new ShortLivedMemo<string>(1_000, 10, nowMs);
    const source = counter();
    expect(await memo.get('brands', source.read)).toBe('read 1');
    clock.now = 999;
    expect(await memo.get('brands', source.read)).toBe('read 1');
    expect(source.reads()).toBe(1);
    clock.now = 1_000;
    expect(await memo.get('brands', source.read)).toBe('read 2');
    expect(await memo.get('taxons', source.read)).toBe('read 3');
  });

  it('shares one read in flight among concurrent callers', async () => {
    const memo = new ShortLivedMemo<string>(1_000, 10, nowMs);
    const source = counter();
    const answers = await Promise.all(Array.from({ length: 5 }, () => memo.get('brands', source.read)));
    expect(answers).toEqual(Array(5).fill('read 1'));
    expect(source.reads()).toBe(1);
  });

  it('does not remember a failed read', async () => {
    const memo = new ShortLivedMemo<string>(1_000, 10, nowMs);
    await expect(memo.get('brands', () => Promise.reject(new Error('database down')))).rejects.toThrow('database down');
    expect(await memo.get('brands', () => Promise.resolve('recovered'))).toBe('recovered');
  });

  it('forgets everything on clear, even within the period', async () => {
    const memo = new ShortLivedMemo<string>(1_000, 10, nowMs);
    const source = counter(['old copy', 'new copy']);
    expect(await memo.get('brands', source.read)).toBe('old copy');
    memo.clear();
    expect(await memo.get('brands', source.read)).toBe('new copy');
  });

  it('holds at most maxEntries keys, dropping the oldest', async () => {
    const memo = new ShortLivedMemo<string>(1_000, 2, nowMs);
    const source = counter();
    await memo.get('a', source.read);
    await memo.get('b', source.read);
    await memo.get('c', source.read);
    expect(await memo.get('a', source.read)).toBe('read 4');
    expect(await memo.get('c', source.read)).toBe('read 3');
  });
});
