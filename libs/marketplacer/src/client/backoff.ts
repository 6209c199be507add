/** The longest single backoff after a 5xx or network error, whatever MARKETPLACER_RETRY_BASE_MS says. */
export const MAX_BACKOFF_MS = 60_000;

/** Exponential backoff with full jitter: a random wait in [0, base × 2^(failures-1)), capped. */
export function fullJitterBackoff(failures: number, baseMs: number, random: () => number): number {
  const ceiling = Math.min(MAX_BACKOFF_MS, baseMs * 2 ** Math.max(0, failures - 1));
  return Math.floor(random() * ceiling);
}

/**
 * Wait after a 429/503 that carries no Retry-After: Marketplacer asks for at least the default
 * (60 s), then exponential (60 → 120 → 240 s).
 */
export function rateLimitedWait(previousRateLimited: number, defaultWaitMs: number): number {
  return defaultWaitMs * 2 ** previousRateLimited;
}
