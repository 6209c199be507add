import { VerifiedTokenCache } from './verified-token-cache.js';

describe('VerifiedTokenCache', () => {
  const clock = { now: 1_000 };
  const nowSeconds = () => clock.now;
  beforeEach(() => (clock.now = 1_000));

  it('answers a remembered token until the second it becomes invalid, then forgets it', () => {
    const cache = new VerifiedTokenCache<string>(10, nowSeconds);
    cache.set('token-a', 'identity-a', 1_010);
    expect(cache.get('token-a')).toBe('identity-a');
    expect(cache.get('token-b')).toBeUndefined();
    clock.now = 1_009;
    expect(cache.get('token-a')).toBe('identity-a');
    clock.now = 1_010;
    expect(cache.get('token-a')).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('does not store a token that is already invalid, nor anything when its size is 0', () => {
    const cache = new VerifiedTokenCache<string>(10, nowSeconds);
    cache.set('stale', 'x', 1_000);
    expect(cache.size).toBe(0);
    const disabled = new VerifiedTokenCache<string>(0, nowSeconds);
    disabled.set('token', 'x', 2_000);
    expect(disabled.get('token')).toBeUndefined();
  });

  it('holds at most maxEntries, dropping the least recently used first', () => {
    const cache = new VerifiedTokenCache<string>(2, nowSeconds);
    cache.set('a', 'A', 2_000);
    cache.set('b', 'B', 2_000);
    expect(cache.get('a')).toBe('A'); // a is now the most recently used
    cache.set('c', 'C', 2_000);
    expect(cache.size).toBe(2);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe('A');
    expect(cache.get('c')).toBe('C');
  });

  it('keys entries by exact token: a token differing by one character is a miss', () => {
    const cache = new VerifiedTokenCache<string>(10, nowSeconds);
    cache.set('header.payload.signature', 'ok', 2_000);
    for (const other of ['header.payload.signaturE', 'header.payload.signature ', 'header.payload.signatur']) expect(cache.get(other)).toBeUndefined();
  });
});
