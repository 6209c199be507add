import { RETRY_CAP_MS, retryAt, retryDelay } from './retry-delay.js';

describe('retryDelay', () => {
  const policy = { baseMs: 1_000 };

  it('draws the first wait in [0, base): nothing at the lowest draw, just under base at the highest', () => {
    expect(retryDelay(1, policy, () => 0)).toBe(0);
    expect(retryDelay(1, policy, () => 0.999)).toBe(999);
  });

  it('doubles the ceiling with each failed attempt, the draw scaling what it allows', () => {
    expect([1, 2, 3, 4].map((attempt) => retryDelay(attempt, policy, () => 0.5))).toEqual([500, 1_000, 2_000, 4_000]);
  });

  it('treats an attempt below one as the first', () => {
    expect(retryDelay(0, policy, () => 0.5)).toBe(500);
  });

  it('never waits RETRY_CAP_MS or more, however many attempts failed', () => {
    expect(retryDelay(40, policy, () => 0.999_999)).toBeLessThan(RETRY_CAP_MS);
    expect(retryDelay(40, policy, () => 0.5)).toBe(RETRY_CAP_MS / 2);
  });

  it("keeps to a policy's own cap", () => {
    expect(retryDelay(10, { baseMs: 1_000, capMs: 5_000 }, () => 0.5)).toBe(2_500);
  });

  it('jitters: different draws give different waits in the allowed range', () => {
    const waits = [0.1, 0.4, 0.7].map((draw) => retryDelay(3, policy, () => draw));
    expect(new Set(waits).size).toBe(3);
    for (const wait of waits) {
      expect(wait).toBeGreaterThanOrEqual(0);
      expect(wait).toBeLessThan(4_000);
    }
  });

  it('dates the next attempt from the given now', () => {
    expect(retryAt(2, policy, 10_000, () => 0.5)).toEqual(new Date(11_000));
  });
});
