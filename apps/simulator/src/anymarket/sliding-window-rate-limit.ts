/**
 * ANYMARKET's "10 requests per second per token", as a sliding window over the requests it served:
 * a request is refused when `limit` were already served in the last `windowMs`.
 */
export class SlidingWindowRateLimit {
  private readonly served = new Map<string, number[]>();

  constructor(
    private readonly limit: number,
    private readonly windowMs = 1000,
  ) {}

  /** Counts the request and returns undefined, or returns the ms until one would be served. */
  tryAccept(key: string, now = Date.now()): number | undefined {
    const times = (this.served.get(key) ?? []).filter((at) => at > now - this.windowMs);
    if (times.length >= this.limit) {
      this.served.set(key, times);
      return times[0] + this.windowMs - now;
    }
    times.push(now);
    this.served.set(key, times);
    return undefined;
  }

  clear(): void {
    this.served.clear();
  }
}
