import { setTimeout as sleep } from 'node:timers/promises';

/** Clock and sleep of the limiter, injectable so tests can run on a virtual clock. */
export interface LimiterTiming {
  now(): number;
  sleep(ms: number): Promise<unknown>;
}

const realTiming: LimiterTiming = { now: () => Date.now(), sleep: (ms) => sleep(ms) };

/**
 * At most `limit` requests per `windowMs` per key (an ANYMARKET seller token, a Marketplacer API
 * key), queueing the rest in order (never dropping). A slot is reused only `windowMs` after the previous request on it got its
 * answer: the server saw that request somewhere between sending and answering, so whatever window
 * the server counts in, it never sees more than `limit` from us.
 */
export class PerKeyRateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly limit: number,
    private readonly windowMs = 1000,
    private readonly timing: LimiterTiming = realTiming,
  ) {}

  /** Waits for a slot; call the returned function once the answer (or failure) is in. */
  acquire(key: string): Promise<() => void> {
    const bucket = this.bucketFor(key);
    const turn = bucket.queue.then(() => this.takeSlot(bucket));
    bucket.queue = turn.then(
      () => undefined,
      () => undefined,
    );
    return turn;
  }

  private bucketFor(key: string): Bucket {
    let bucket = this.buckets.get(key);
    if (!bucket) {
      bucket = { freeAt: new Array<number>(this.limit).fill(0), queue: Promise.resolve(), onRelease: [] };
      this.buckets.set(key, bucket);
    }
    return bucket;
  }

  private async takeSlot(bucket: Bucket): Promise<() => void> {
    for (;;) {
      const now = this.timing.now();
      const index = bucket.freeAt.findIndex((freeAt) => freeAt <= now);
      if (index >= 0) {
        bucket.freeAt[index] = Infinity;
        let released = false;
        return () => {
          if (released) return;
          released = true;
          bucket.freeAt[index] = this.timing.now() + this.windowMs;
          for (const wake of bucket.onRelease.splice(0)) wake();
        };
      }
      const soonest = Math.min(...bucket.freeAt);
      if (soonest === Infinity) await new Promise<void>((resolve) => bucket.onRelease.push(resolve));
      else await this.timing.sleep(soonest - now);
    }
  }
}

interface Bucket {
  /** Per slot: when it may be used again; Infinity while its request is in flight. */
  freeAt: number[];
  /** Acquisitions of this key, one after the other (first come, first served). */
  queue: Promise<void>;
  onRelease: Array<() => void>;
}
