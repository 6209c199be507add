import { hash } from 'node:crypto';

/** How many verified tokens one process remembers (about 200 bytes each). */
export const VERIFIED_TOKEN_CACHE_SIZE = 10_000;

interface Entry<T> {
  value: T;
  /** The first second (Unix time) at which the token no longer verifies: `exp` + the clock tolerance. */
  invalidFromSeconds: number;
}

/**
 * What a token's successful verification produced, remembered until the token expires, so a caller
 * that sends the same token again is not charged another RSA verify and JWT parse. Keyed by the
 * SHA-256 of the token (the token itself is not kept); only successes are stored, so a token never
 * seen before, a forged one or a changed one always gets the full check. Bounded: least recently used
 * entries go first once `maxEntries` are held. Expiry is checked on every hit with the same clock and
 * tolerance as the full check, so a cached token stops working at exactly the same second.
 */
export class VerifiedTokenCache<T> {
  private readonly entries = new Map<string, Entry<T>>();

  constructor(
    private readonly maxEntries = VERIFIED_TOKEN_CACHE_SIZE,
    private readonly nowSeconds: () => number = () => Math.floor(Date.now() / 1000),
  ) {}

  /** The remembered result for this exact token while it is still valid; undefined otherwise. */
  get(token: string): T | undefined {
    const key = keyOf(token);
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    if (this.nowSeconds() >= entry.invalidFromSeconds) return undefined;
    this.entries.set(key, entry); // most recently used last
    return entry.value;
  }

  /** Remembers a verified token's result until `invalidFromSeconds`. */
  set(token: string, value: T, invalidFromSeconds: number): void {
    if (this.maxEntries <= 0 || this.nowSeconds() >= invalidFromSeconds) return;
    const key = keyOf(token);
    this.entries.delete(key);
    this.entries.set(key, { value, invalidFromSeconds });
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
  }

  get size(): number {
    return this.entries.size;
  }
}

/** One-shot SHA-256 (no Hash object per call: this runs on every guarded request). */
function keyOf(token: string): string {
  return hash('sha256', token, 'base64');
}
