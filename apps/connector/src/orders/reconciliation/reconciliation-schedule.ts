/** The golden ratio's fraction: account ids in a row land far apart in the interval. */
const SPREAD = 0.618_033_988_749_895;

/** Where in each interval the account's reconciliation falls (ms from the epoch's intervals), the same on every replica. */
export function slotOffsetOf(accountId: number, intervalMs: number): number {
  const fraction = (accountId * SPREAD) % 1;
  return Math.floor(fraction * intervalMs);
}

/** The account's latest slot at or before `now`. */
export function latestSlotOf(accountId: number, intervalMs: number, now: Date): Date {
  const offset = slotOffsetOf(accountId, intervalMs);
  const since = (((now.getTime() - offset) % intervalMs) + intervalMs) % intervalMs;
  return new Date(now.getTime() - since);
}

/**
 * Whether the account's reconciliation is due: it has not started since its latest slot. Each account
 * has its own slot in the interval, so the accounts' list reads are spread over it rather than all at
 * once; an admin's run now counts as the slot's.
 */
export function isReconciliationDue(accountId: number, lastStartedAt: Date | undefined, intervalMs: number, now: Date): boolean {
  return lastStartedAt === undefined || lastStartedAt < latestSlotOf(accountId, intervalMs, now);
}
