import { KeyedMutex } from './keyed-mutex.js';

describe('KeyedMutex', () => {
  it('gives a key to one holder at a time, in the order asked, until each hands it on', async () => {
    const mutex = new KeyedMutex();
    const order: string[] = [];
    const first = await mutex.acquire('connection');
    const second = mutex.acquire('connection').then((release) => (order.push('second'), release));
    const third = mutex.run('connection', async () => void order.push('third'));
    const otherKey = await mutex.run('other', async () => (order.push('other key'), 'ran'));

    expect(otherKey).toBe('ran');
    expect(order).toEqual(['other key']);
    first();
    (await second)();
    await third;
    expect(order).toEqual(['other key', 'second', 'third']);
  });

  it('hands the key on when the work fails', async () => {
    const mutex = new KeyedMutex();
    await expect(mutex.run('key', () => Promise.reject(new Error('failed')))).rejects.toThrow('failed');
    expect(await mutex.run('key', () => Promise.resolve('next'))).toBe('next');
  });
});
