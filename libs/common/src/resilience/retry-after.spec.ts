import { DEFAULT_MAX_RETRY_AFTER_MS, parseRetryAfter } from './retry-after.js';

describe('parseRetryAfter', () => {
  const now = Date.parse('2025-06-01T12:00:00Z');

  it.each([
    ['120', 120_000],
    ['0', 0],
    [' 3 ', 3_000],
    ['Sun, 01 Jun 2025 12:00:30 GMT', 30_000],
    ['Sunday, 01-Jun-25 12:00:30 GMT', 30_000],
    ['Sun Jun  1 12:00:30 2025', 30_000],
    ['Sun, 01 Jun 2025 11:59:00 GMT', 0],
  ])('reads %j as %d ms', (header, ms) => {
    expect(parseRetryAfter(header, now)).toBe(ms);
  });

  it.each([[undefined], [null], [''], ['soon'], ['-5'], ['1.5'], ['12abc']])('ignores %j', (header) => {
    expect(parseRetryAfter(header, now)).toBeUndefined();
  });

  it('bounds what a header may ask, in seconds or as a date', () => {
    expect(parseRetryAfter('86400', now)).toBe(DEFAULT_MAX_RETRY_AFTER_MS);
    expect(parseRetryAfter('3600', now, 60_000)).toBe(60_000);
    expect(parseRetryAfter('Mon, 02 Jun 2025 12:00:00 GMT', now, 60_000)).toBe(60_000);
  });
});
