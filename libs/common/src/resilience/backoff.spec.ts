import { fullJitterBackoff } from './backoff.js';

describe('fullJitterBackoff', () => {
  it('draws a wait in [0, base × 2^(failures-1))', () => {
    expect(fullJitterBackoff(1, 500, 60_000, () => 0.999)).toBe(499);
    expect(fullJitterBackoff(3, 500, 60_000, () => 0.5)).toBe(1000);
    expect(fullJitterBackoff(3, 500, 60_000, () => 0)).toBe(0);
  });

  it('never exceeds the cap', () => {
    expect(fullJitterBackoff(30, 500, 60_000, () => 0.999)).toBeLessThan(60_000);
  });
});
