import { Injectable } from '@nestjs/common';
import { SyncStateStore } from './sync-state.store.js';

/** How long this process trusts its memory of a job's pairs before reading them again (another process may have changed them). */
export const PAIRS_REREAD_MS = 10 * 60_000;

/**
 * Keeps each job's pairs equal to the keys it serves, at a cost that follows what changed, not how
 * many pairs exist: this process remembers the keys it last reconciled per job, so a tick inserts
 * only the keys new since then and deletes only the keys gone since then (removed or deactivated
 * accounts: their pairs, and so their state, disappear). The job's pair keys are read from the
 * database only on the first tick and then every PAIRS_REREAD_MS, to heal what other processes did.
 */
@Injectable()
export class SyncPairs {
  private readonly known = new Map<string, { keys: Set<string>; readAt: number }>();

  constructor(private readonly store: SyncStateStore) {}

  async reconcile(job: string, accountKeys: string[], nowMs = Date.now()): Promise<void> {
    const memory = this.known.get(job);
    const fresh = memory && nowMs - memory.readAt < PAIRS_REREAD_MS;
    const known = fresh ? memory.keys : new Set(await this.store.pairKeys(job));
    const wanted = new Set(accountKeys);
    await this.store.ensurePairs(
      job,
      accountKeys.filter((key) => !known.has(key)),
    );
    await this.store.removePairs(
      job,
      [...known].filter((key) => !wanted.has(key)),
    );
    this.known.set(job, { keys: wanted, readAt: fresh ? memory.readAt : nowMs });
  }
}
