/** How long one read of the taxonomy copy answers look-ups before the database is read again. */
export const TAXONOMY_MEMO_TTL_MS = 1_000;
/** The most distinct look-ups remembered at once (one per kind, plus one per parent taxon listed). */
export const TAXONOMY_MEMO_MAX_ENTRIES = 1_000;

interface Entry<T> {
  value: Promise<T>;
  expiresAtMs: number;
}

/**
 * Remembers what a read returned for `ttlMs`, so a burst of identical look-ups (ANYMARKET's mapping
 * screens fetch /brands and /categories many times a second) costs one database read per key and
 * period instead of one per request. Concurrent callers share one read in flight; a failed read is
 * not remembered. The copy it fronts changes only on a refresh: the refreshing process clears the
 * memo at once, and any other replica serves the previous copy for at most `ttlMs`. Bounded: the
 * oldest entry goes first once `maxEntries` are held.
 */
export class ShortLivedMemo<T> {
  private readonly entries = new Map<string, Entry<T>>();

  constructor(
    private readonly ttlMs = TAXONOMY_MEMO_TTL_MS,
    private readonly maxEntries = TAXONOMY_MEMO_MAX_ENTRIES,
    private readonly nowMs: () => number = Date.now,
  ) {}

  get(key: string, read: () => Promise<T>): Promise<T> {
    const now = this.nowMs();
    const entry = this.entries.get(key);
    if (entry && now < entry.expiresAtMs) return entry.value;
    this.entries.delete(key);
    const value = read();
    this.entries.set(key, { value, expiresAtMs: now + this.ttlMs });
    value.catch(() => {
      if (this.entries.get(key)?.value === value) this.entries.delete(key);
    });
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    return value;
  }

  /** Forgets everything (after this process changed what the reads would return). */
  clear(): void {
    this.entries.clear();
  }
}
