import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { SyncStateEntity } from './entities/sync-state.entity.js';
import { MARKETPLACE_KEY } from './feeds/marketplace-feed.job.js';
import type { SyncPosition } from './sync-job.js';
import { SyncClock } from './sync-clock.js';
import { scheduleTime, type SqlTime } from './schedule-time.js';

/**
 * The one key of every job's state: each job is one feed of the marketplace (ADR 0005), so its state
 * is one row. The `account_key` column stays (it once held an account), always this value.
 */
export const FEED_KEY = MARKETPLACE_KEY;

/** What a run's end writes into its job's state. */
export interface SyncRunEnd {
  runId: number;
  /** When the job is due again, from now in the schedule clock. */
  delayMs: number;
  failed: boolean;
  error: string | null;
}

/**
 * The database side of the engine: each job's one state (its feed's position, lease and failures).
 * Every lease change is one conditional UPDATE, atomic on SQLite and Postgres alike, so two processes
 * can never both run a job: the one whose UPDATE matched owns it until its lease expires or it releases it. Every
 * lease, expiry and due time is written and compared in the schedule clock (see SyncClock): the
 * database's `now()` on Postgres, inside the statement itself.
 */
@Injectable()
export class SyncStateStore {
  constructor(
    @InjectRepository(SyncStateEntity) private readonly states: Repository<SyncStateEntity>,
    private readonly clock: SyncClock,
  ) {}

  /** Creates the job's one state, due at once; an existing one is left as it is. */
  async ensure(job: string): Promise<void> {
    const now = this.at('now');
    await this.states
      .createQueryBuilder()
      .insert()
      .values({ job, accountKey: FEED_KEY, nextRunAt: () => now.sql, consecutiveFailures: 0 })
      .setParameters(now.params)
      .orIgnore()
      .execute();
  }

  /**
   * Takes the lease on the job's feed for `owner` when nobody holds a live one. `onlyIfDue` keeps
   * scheduled ticks from running it early; an admin trigger passes false, and makes the feed due
   * now in the same write: a run it started that dies with its process is run again by the first tick
   * after the lease expired (the trigger is durable before it is answered), and the run's end sets the
   * next due time as ever.
   */
  async claim(job: string, owner: string, leaseMs: number, onlyIfDue: boolean): Promise<boolean> {
    const [now, expires] = [this.at('now'), this.at('expires', leaseMs)];
    const query = this.states
      .createQueryBuilder()
      .update()
      .set({ leaseOwner: owner, leaseExpiresAt: () => expires.sql, ...(onlyIfDue ? {} : { nextRunAt: () => now.sql }) })
      .where('job = :job AND account_key = :accountKey', { job, accountKey: FEED_KEY })
      .andWhere(`(lease_expires_at IS NULL OR lease_expires_at < ${now.sql})`)
      .setParameters({ ...now.params, ...expires.params });
    if (onlyIfDue) query.andWhere(`next_run_at <= ${now.sql}`);
    const result = await query.execute();
    return result.affected === 1;
  }

  /** Extends a held lease; false when it was lost (expired and taken over), and the holder must stop. */
  async renew(job: string, owner: string, leaseMs: number): Promise<boolean> {
    const [now, expires] = [this.at('now'), this.at('expires', leaseMs)];
    const result = await this.states
      .createQueryBuilder()
      .update()
      .set({ leaseExpiresAt: () => expires.sql })
      .where('job = :job AND account_key = :accountKey AND lease_owner = :owner', { job, accountKey: FEED_KEY, owner })
      .andWhere(`lease_expires_at >= ${now.sql}`)
      .setParameters({ ...now.params, ...expires.params })
      .execute();
    return result.affected === 1;
  }

  async position(job: string): Promise<SyncPosition & { consecutiveFailures: number }> {
    const state = await this.states.findOneByOrFail({ job, accountKey: FEED_KEY });
    return { watermark: state.watermark, cursor: state.cursor, pendingWatermark: state.pendingWatermark, consecutiveFailures: state.consecutiveFailures };
  }

  /**
   * Commits a page's position while the lease is held (false when it was lost: nothing written).
   * A finished scan (`nextCursor` null) turns its pending watermark into the watermark.
   */
  async commitPage(job: string, owner: string, nextCursor: string | null, pendingWatermark: string | null, previousWatermark: string | null): Promise<boolean> {
    const finished = nextCursor === null;
    const result = await this.states
      .createQueryBuilder()
      .update()
      .set(finished ? { cursor: null, pendingWatermark: null, watermark: pendingWatermark ?? previousWatermark } : { cursor: nextCursor, pendingWatermark })
      .where('job = :job AND account_key = :accountKey AND lease_owner = :owner', { job, accountKey: FEED_KEY, owner })
      .execute();
    return result.affected === 1;
  }

  /** Ends a run: releases the lease and schedules the next run (back-off after failures). A lost lease writes nothing. */
  async finish(job: string, owner: string, outcome: SyncRunEnd): Promise<void> {
    const [now, next] = [this.at('now'), this.at('next', outcome.delayMs)];
    await this.states
      .createQueryBuilder()
      .update()
      .set({
        leaseOwner: null,
        leaseExpiresAt: null,
        nextRunAt: () => next.sql,
        lastRunId: outcome.runId,
        consecutiveFailures: outcome.failed ? () => 'consecutive_failures + 1' : 0,
        lastError: outcome.error,
        ...(outcome.failed ? {} : { lastSuccessAt: () => now.sql }),
      })
      .where('job = :job AND account_key = :accountKey AND lease_owner = :owner', { job, accountKey: FEED_KEY, owner })
      .setParameters({ ...now.params, ...next.params })
      .execute();
  }

  async list(filter: { job?: string; accountKey?: string }): Promise<SyncStateEntity[]> {
    // TypeORM 1.x refuses `undefined` in a where clause: only the filters given.
    const where = Object.fromEntries(Object.entries(filter).filter(([, value]) => value !== undefined));
    return this.states.find({ where, order: { job: 'ASC', accountKey: 'ASC' } });
  }

  /** Now in the schedule clock, to tell admins which leases are live. */
  async now(): Promise<Date> {
    const fixed = this.fixedNow();
    if (fixed) return fixed;
    const [row] = await this.states.query<Array<{ now: Date }>>(`SELECT (now() AT TIME ZONE 'UTC') AS now`);
    return row.now;
  }

  /** "Now + offsetMs" in the schedule clock, as SQL (see scheduleTime). */
  private at(name: string, offsetMs = 0): SqlTime {
    return scheduleTime(this.fixedNow(), name, offsetMs);
  }

  /** A test clock's time; else this process's on SQLite (one process); null on Postgres: the database's. */
  private fixedNow(): Date | null {
    return this.clock.scheduleNow() ?? (this.states.manager.connection.options.type === 'postgres' ? null : new Date());
  }
}
