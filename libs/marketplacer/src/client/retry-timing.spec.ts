import { fullJitterBackoff, MAX_BACKOFF_MS, rateLimitedWait } from './backoff.js';
import { parseRetryAfter } from './retry-after.js';

describe('parseRetryAfter', () => {
  const now = Date.parse('2025-06-01T12:00:00Z');

  it.each([
    ['120', 120_000],
    ['0', 0],
    [' 3 ', 3_000],
    ['Sun, 01 Jun 2025 12:00:30 GMT', 30_000],
    ['Sun, 01 Jun 2025 11:59:00 GMT', 0],
  ])('reads %j as %d ms', (header, ms) => {
    expect(parseRetryAfter(header, now)).toBe(ms);
  });

  it.each([[undefined], [null], [''], ['soon'], ['-5']])('ignores %j', (header) => {
    expect(parseRetryAfter(header, now)).toBeUndefined();
  });
});

describe('backoff', () => {
  it('draws a full-jitter wait below base × 2^(failures-1)', () => {
    expect(fullJitterBackoff(1, 500, () => 0.999)).toBe(499);
    expect(fullJitterBackoff(3, 500, () => 0.5)).toBe(1000);
    expect(fullJitterBackoff(3, 500, () => 0)).toBe(0);
  });

  it('never exceeds the cap', () => {
    expect(fullJitterBackoff(30, 500, () => 0.999)).toBeLessThan(MAX_BACKOFF_MS);
  });

  it('doubles the default rate-limit wait each time (60 → 120 → 240 s)', () => {
    expect([0, 1, 2].map((n) => rateLimitedWait(n, 60_000))).toEqual([60_000, 120_000, 240_000]);
  });
});
