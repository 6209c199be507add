import { backoffDelayMs, retryAfterMs } from './retry-delay.js';

describe('retry delays', () => {
  it('doubles the backoff per attempt, half of it jittered', () => {
    expect(backoffDelayMs(1, 500, () => 0)).toBe(250);
    expect(backoffDelayMs(1, 500, () => 1)).toBe(500);
    expect(backoffDelayMs(3, 500, () => 0.5)).toBe(1500);
    expect(backoffDelayMs(20, 500, () => 1)).toBe(30_000);
  });

  it('reads Retry-After as seconds or an HTTP date, capped at a minute', () => {
    const now = Date.parse('2026-11-22T10:00:00Z');
    expect(retryAfterMs('2', now)).toBe(2000);
    expect(retryAfterMs('0', now)).toBe(0);
    expect(retryAfterMs('Sun, 22 Nov 2026 10:00:05 GMT', now)).toBe(5000);
    expect(retryAfterMs('Sun, 22 Nov 2026 09:00:00 GMT', now)).toBe(0);
    expect(retryAfterMs('3600', now)).toBe(60_000);
    expect(retryAfterMs('soon', now)).toBeUndefined();
    expect(retryAfterMs(null, now)).toBeUndefined();
  });
});
