import { createHash } from 'node:crypto';
import type { SyncCounts, SyncJob, SyncPageResult, SyncPosition } from '../sync-job.js';

/** How many times per account interval the job looks for accounts whose slot has come. */
export const TICKS_PER_ACCOUNT_INTERVAL = 60;

/**
 * A sync job that visits every account once per `accountIntervalMs`, each at its own slot of the
 * interval (a stable hash of the job and the account: the same on every replica), so accounts do not
 * all run at once: the reconciliations (ADR 0023). The engine starts it every sixtieth of the
 * interval; a scheduled run takes the accounts whose slot came since their last pass, most overdue
 * first, one per page, at most `accountsPerRun` (a backlog after downtime drains over a few ticks);
 * an admin's trigger visits every account now, by id. The cursor names where the run stands, so a run
 * that stops (a crash, a budget share not had in time: `visit` throws) resumes there. Lease, ledger,
 * back-off and the admin API are the engine's.
 */
export abstract class PerAccountJob implements SyncJob {
  abstract readonly name: string;
  /** The engine's tick: a sixtieth of the account interval, never under a second. */
  readonly intervalMs: number;

  constructor(readonly accountIntervalMs: number) {
    this.intervalMs = perAccountTickMs(accountIntervalMs);
  }

  /** The accounts to visit, by ascending id. */
  protected abstract accountIds(): Promise<number[]>;

  /**
   * Since when each account's pass counts (its last start, or when the job first saw it, so a new
   * account waits for its slot); an account missing from the map has never been visited and is due.
   */
  protected abstract passesSince(accountIds: number[], now: Date): Promise<Map<number, Date>>;

  /** One account's pass. Throwing stops the run (the next resumes with this account). */
  protected abstract visit(accountId: number, now: Date): Promise<SyncCounts>;

  /** Now; a test may pin it. */
  protected now(): Date {
    return new Date();
  }

  async processPage(position: SyncPosition): Promise<SyncPageResult> {
    const now = this.now();
    const next = position.trigger === 'admin' ? await this.nextOfFullPass(position.cursor) : await this.nextDue(position.cursor, now);
    if (!next) return { nextCursor: null, pendingWatermark: position.pendingWatermark, counts: { seen: 0, changed: 0, failed: 0 } };
    const counts = await this.visit(next.accountId, now);
    return { nextCursor: next.more ? next.cursor : null, pendingWatermark: now.toISOString(), counts };
  }

  /** Admin: every account, by id, after the cursor's. */
  private async nextOfFullPass(cursor: string | null): Promise<NextAccount | null> {
    const after = cursor?.startsWith(AFTER) ? Number(cursor.slice(AFTER.length)) : 0;
    const rest = (await this.accountIds()).filter((id) => id > after);
    if (rest.length === 0) return null;
    return { accountId: rest[0], cursor: `${AFTER}${rest[0]}`, more: rest.length > 1 };
  }

  /** Schedule: the most overdue account whose slot has come, while the run's bound allows. */
  private async nextDue(cursor: string | null, now: Date): Promise<NextAccount | null> {
    const done = cursor?.startsWith(DONE) ? Number(cursor.slice(DONE.length)) : 0;
    const ids = await this.accountIds();
    const bound = accountsPerRun(ids.length);
    if (ids.length === 0 || done >= bound) return null;
    const since = await this.passesSince(ids, now);
    // Each account's slot once per page (not once per comparison of the sort), its offset remembered.
    const slots = new Map(ids.map((id) => [id, latestSlot(this.name, id, this.accountIntervalMs, now)]));
    const due = ids.filter((id) => isDue(slots.get(id)!, since.get(id))).sort((a, b) => slots.get(a)! - slots.get(b)!);
    if (due.length === 0) return null;
    return { accountId: due[0], cursor: `${DONE}${done + 1}`, more: due.length > 1 && done + 1 < bound };
  }
}

interface NextAccount {
  accountId: number;
  cursor: string;
  more: boolean;
}

/** Cursor of an admin's full pass: the last account done. */
const AFTER = 'after:';
/** Cursor of a scheduled run: how many accounts it has visited. */
const DONE = 'done:';

/** The job's own run interval: a sixtieth of the accounts' interval, never under a second. */
export function perAccountTickMs(accountIntervalMs: number): number {
  return Math.max(1_000, Math.floor(accountIntervalMs / TICKS_PER_ACCOUNT_INTERVAL));
}

/**
 * The slot offsets computed so far, by job, interval and account: a scheduled page looks at every
 * account's slot, and hashing 10,000 accounts each page (once per comparison of its sort, before)
 * cost about a second and a half of CPU per account visited. One number per job and account.
 */
const slotOffsets = new Map<string, number>();
let slotHashes = 0;

/** The account's fixed place in every interval (ms from the interval's start), from a stable hash of the job and the account; computed once. */
export function slotOffsetMs(job: string, accountId: number, intervalMs: number): number {
  const key = `${job}:${intervalMs}:${accountId}`;
  let offset = slotOffsets.get(key);
  if (offset === undefined) {
    slotHashes += 1;
    const digest = createHash('sha256').update(`${job}:${accountId}`).digest();
    offset = digest.readUInt32BE(0) % intervalMs;
    slotOffsets.set(key, offset);
  }
  return offset;
}

/** How many slot hashes were computed so far in this process (each job and account once; tests). */
export function slotHashesComputed(): number {
  return slotHashes;
}

/** The latest time (epoch ms) at or before `now` when the account's slot came. */
export function latestSlot(job: string, accountId: number, intervalMs: number, now: Date): number {
  const offset = slotOffsetMs(job, accountId, intervalMs);
  return Math.floor((now.getTime() - offset) / intervalMs) * intervalMs + offset;
}

/** Due: never visited, or its slot came after `since` (so once per interval, at its own time). */
export function isSlotDue(job: string, accountId: number, intervalMs: number, now: Date, since: Date | undefined): boolean {
  return isDue(latestSlot(job, accountId, intervalMs, now), since);
}

function isDue(latestSlotMs: number, since: Date | undefined): boolean {
  return since === undefined || latestSlotMs > since.getTime();
}

/** The most accounts one scheduled run visits: twice a tick's fair part of them, at least 10. */
export function accountsPerRun(accounts: number): number {
  return Math.max(10, Math.ceil((2 * accounts) / TICKS_PER_ACCOUNT_INTERVAL));
}
