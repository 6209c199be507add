import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { type Repository } from 'typeorm';
import { SyncStateEntity } from './entities/sync-state.entity.js';
import type { SyncPosition } from './sync-job.js';

/**
 * The database side of the engine: pairs, leases, positions, failures. Every lease change is one
 * conditional UPDATE, atomic on SQLite and Postgres alike, so two processes can never both hold a
 * pair: the one whose UPDATE matched owns it until its lease expires or it releases it.
 */
@Injectable()
export class SyncStateStore {
  constructor(@InjectRepository(SyncStateEntity) private readonly states: Repository<SyncStateEntity>) {}

  /** Creates the missing pairs for `job`, due at once. Existing pairs are left as they are. */
  async ensurePairs(job: string, accountKeys: string[], now: Date): Promise<void> {
    if (accountKeys.length === 0) return;
    const existing = new Set((await this.states.find({ where: { job }, select: { accountKey: true } })).map((s) => s.accountKey));
    const missing = accountKeys.filter((key) => !existing.has(key));
    if (missing.length === 0) return;
    await this.states
      .createQueryBuilder()
      .insert()
      .values(missing.map((accountKey) => ({ job, accountKey, nextRunAt: now, consecutiveFailures: 0 })))
      .orIgnore()
      .execute();
  }

  /** The account keys of `job` that are due and not leased by anyone. */
  async findDue(job: string, accountKeys: string[], now: Date): Promise<string[]> {
    if (accountKeys.length === 0) return [];
    const rows = await this.states
      .createQueryBuilder('s')
      .select('s.accountKey', 'accountKey')
      .where('s.job = :job', { job })
      .andWhere('s.next_run_at <= :now', { now })
      .andWhere('(s.lease_expires_at IS NULL OR s.lease_expires_at < :now)', { now })
      .orderBy('s.next_run_at', 'ASC')
      .getRawMany<{ accountKey: string }>();
    const wanted = new Set(accountKeys);
    return rows.map((r) => r.accountKey).filter((key) => wanted.has(key));
  }

  /**
   * Takes the lease on (job, account) for `owner` when nobody holds a live one. `onlyIfDue` keeps
   * scheduled ticks from running a pair early; an admin trigger passes false.
   */
  async claim(job: string, accountKey: string, owner: string, now: Date, leaseMs: number, onlyIfDue: boolean): Promise<boolean> {
    const query = this.states
      .createQueryBuilder()
      .update()
      .set({ leaseOwner: owner, leaseExpiresAt: new Date(now.getTime() + leaseMs) })
      .where('job = :job AND account_key = :accountKey', { job, accountKey })
      .andWhere('(lease_expires_at IS NULL OR lease_expires_at < :now)', { now });
    if (onlyIfDue) query.andWhere('next_run_at <= :now', { now });
    const result = await query.execute();
    return result.affected === 1;
  }

  /** Extends a held lease; false when it was lost (expired and taken over), and the holder must stop. */
  async renew(job: string, accountKey: string, owner: string, now: Date, leaseMs: number): Promise<boolean> {
    const result = await this.states
      .createQueryBuilder()
      .update()
      .set({ leaseExpiresAt: new Date(now.getTime() + leaseMs) })
      .where('job = :job AND account_key = :accountKey AND lease_owner = :owner', { job, accountKey, owner })
      .andWhere('lease_expires_at >= :now', { now })
      .execute();
    return result.affected === 1;
  }

  async position(job: string, accountKey: string): Promise<SyncPosition & { consecutiveFailures: number }> {
    const state = await this.states.findOneByOrFail({ job, accountKey });
    return { watermark: state.watermark, cursor: state.cursor, pendingWatermark: state.pendingWatermark, consecutiveFailures: state.consecutiveFailures };
  }

  /**
   * Commits a page's position while the lease is held (false when it was lost: nothing written).
   * A finished scan (`nextCursor` null) turns its pending watermark into the watermark.
   */
  async commitPage(
    job: string,
    accountKey: string,
    owner: string,
    nextCursor: string | null,
    pendingWatermark: string | null,
    previousWatermark: string | null,
  ): Promise<boolean> {
    const finished = nextCursor === null;
    const result = await this.states
      .createQueryBuilder()
      .update()
      .set(finished ? { cursor: null, pendingWatermark: null, watermark: pendingWatermark ?? previousWatermark } : { cursor: nextCursor, pendingWatermark })
      .where('job = :job AND account_key = :accountKey AND lease_owner = :owner', { job, accountKey, owner })
      .execute();
    return result.affected === 1;
  }

  /** Ends a run: releases the lease and schedules the next run (back-off after failures). */
  async finish(
    job: string,
    accountKey: string,
    owner: string,
    outcome: { runId: number; nextRunAt: Date; failed: boolean; error: string | null; now: Date },
  ): Promise<void> {
    const state = await this.states.findOneBy({ job, accountKey, leaseOwner: owner });
    if (!state) return; // the lease was lost; the new holder owns the schedule
    await this.states.update(
      { job, accountKey, leaseOwner: owner },
      {
        leaseOwner: null,
        leaseExpiresAt: null,
        nextRunAt: outcome.nextRunAt,
        lastRunId: outcome.runId,
        consecutiveFailures: outcome.failed ? state.consecutiveFailures + 1 : 0,
        lastError: outcome.error,
        ...(outcome.failed ? {} : { lastSuccessAt: outcome.now }),
      },
    );
  }

  async list(filter: { job?: string; accountKey?: string }): Promise<SyncStateEntity[]> {
    // TypeORM 1.x refuses `undefined` in a where clause: only the filters given.
    const where = Object.fromEntries(Object.entries(filter).filter(([, value]) => value !== undefined));
    return this.states.find({ where, order: { job: 'ASC', accountKey: 'ASC' } });
  }
}
