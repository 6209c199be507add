/**
 * The one jitter of every remote call: exponential backoff with full jitter, a random wait in
 * [0, min(cap, base × 2^(failures-1))). Full jitter spreads the replicas and accounts that failed
 * together, so they do not come back together.
 */
export function fullJitterBackoff(failures: number, baseMs: number, capMs: number, random: () => number): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.max(0, failures - 1));
  return Math.floor(random() * ceiling);
}
