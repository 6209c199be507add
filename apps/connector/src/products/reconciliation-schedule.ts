import { createHash } from 'node:crypto';

/** How many times per interval the job looks for sellers whose slot has come. */
export const RECONCILIATION_TICKS_PER_INTERVAL = 60;

/** The job's own run interval: a small part of the sellers' interval, never under a second. */
export function reconciliationTickMs(intervalMs: number): number {
  return Math.max(1_000, Math.floor(intervalMs / RECONCILIATION_TICKS_PER_INTERVAL));
}

/**
 * The account's fixed place in every interval (ms from the interval's start): a stable hash of its
 * id, so sellers are spread over the interval and do not all run at once, on every replica alike.
 */
export function slotOffsetMs(accountId: number, intervalMs: number): number {
  const digest = createHash('sha256').update(`listings-reconciliation:${accountId}`).digest();
  return digest.readUInt32BE(0) % intervalMs;
}

/** The latest time at or before `now` when the account's slot came. */
export function latestSlot(accountId: number, intervalMs: number, now: Date): number {
  const offset = slotOffsetMs(accountId, intervalMs);
  return Math.floor((now.getTime() - offset) / intervalMs) * intervalMs + offset;
}

/**
 * Due: the account's slot came since it was last reconciled (or, never reconciled, since the job
 * first saw it), so each seller is reconciled once per interval at its own time.
 */
export function isDue(accountId: number, intervalMs: number, now: Date, since: Date): boolean {
  return latestSlot(accountId, intervalMs, now) > since.getTime();
}

/**
 * The most sellers one scheduled run reconciles: twice a tick's fair part of them (at least 10),
 * so a backlog (after downtime) drains over a few ticks instead of one long run.
 */
export function sellersPerRun(sellers: number): number {
  return Math.max(10, Math.ceil((2 * sellers) / RECONCILIATION_TICKS_PER_INTERVAL));
}
