export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * Marketplacer's per-API-key limit (750 requests per 10 s): a sliding window over the times of the
 * requests let through. A refused request is not counted, so `Retry-After` is exact.
 */
export class SlidingWindowRateLimiter {
  private readonly hits = new Map<string, number[]>();

  constructor(
    private limit: number,
    private windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  configure(limit: number, windowMs: number): void {
    this.limit = limit;
    this.windowMs = windowMs;
    this.hits.clear();
  }

  get settings(): { limit: number; windowMs: number } {
    return { limit: this.limit, windowMs: this.windowMs };
  }

  take(key: string): RateDecision {
    const now = this.now();
    const times = this.hits.get(key) ?? [];
    let expired = 0;
    while (expired < times.length && times[expired] <= now - this.windowMs) expired++;
    if (expired > 0) times.splice(0, expired);
    if (times.length >= this.limit) {
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((times[0] + this.windowMs - now) / 1000)) };
    }
    times.push(now);
    this.hits.set(key, times);
    return { allowed: true };
  }

  reset(): void {
    this.hits.clear();
  }
}
