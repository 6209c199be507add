import { KeyedMutex } from './keyed-mutex.js';

describe('KeyedMutex', () => {
  it('runs tasks of one key one after the other, and other keys alongside, even after a failure', async () => {
    const mutex = new KeyedMutex();
    const events: string[] = [];
    let releaseFirst: () => void = () => undefined;
    const first = mutex.run('a', async () => {
      events.push('a1 start');
      await new Promise<void>((resolve) => (releaseFirst = resolve));
      events.push('a1 end');
      throw new Error('a1 failed');
    });
    const second = mutex.run('a', async () => {
      events.push('a2');
      return 2;
    });
    const other = mutex.run('b', async () => {
      events.push('b1');
      return 'b';
    });
    await other;
    expect(events).toEqual(['a1 start', 'b1']);
    releaseFirst();
    await expect(first).rejects.toThrow('a1 failed');
    await expect(second).resolves.toBe(2);
    expect(events).toEqual(['a1 start', 'b1', 'a1 end', 'a2']);
  });
});
