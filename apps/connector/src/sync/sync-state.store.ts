import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, type Repository } from 'typeorm';
import { SyncStateEntity } from './entities/sync-state.entity.js';
import type { SyncPosition } from './sync-job.js';
import { SyncClock } from './sync-clock.js';
import { scheduleTime, type SqlTime } from './schedule-time.js';

/** Keys per INSERT or DELETE statement: well under SQLite's and Postgres's bound-parameter limits. */
const KEYS_PER_STATEMENT = 500;

/** What a run's end writes into its pair. */
export interface SyncPairOutcome {
  runId: number;
  /** When the pair is due again, from now in the schedule clock. */
  delayMs: number;
  failed: boolean;
  error: string | null;
}

/**
 * The database side of the engine: pairs, leases, positions, failures. Every lease change is one
 * conditional UPDATE, atomic on SQLite and Postgres alike, so two processes can never both hold a
 * pair: the one whose UPDATE matched owns it until its lease expires or it releases it. Every
 * lease, expiry and due time is written and compared in the schedule clock (see SyncClock): the
 * database's `now()` on Postgres, inside the statement itself.
 */
@Injectable()
export class SyncStateStore {
  constructor(
    @InjectRepository(SyncStateEntity) private readonly states: Repository<SyncStateEntity>,
    private readonly clock: SyncClock,
  ) {}

  /** Creates the pairs of `job` for these keys, due at once; existing pairs are left as they are. */
  async ensurePairs(job: string, accountKeys: string[]): Promise<void> {
    for (const keys of chunks(accountKeys)) {
      const now = this.at('now');
      await this.states
        .createQueryBuilder()
        .insert()
        .values(keys.map((accountKey) => ({ job, accountKey, nextRunAt: () => now.sql, consecutiveFailures: 0 })))
        .setParameters(now.params)
        .orIgnore()
        .execute();
    }
  }

  /** Deletes the pairs of `job` for these keys (accounts it no longer serves): their state is gone. */
  async removePairs(job: string, accountKeys: string[]): Promise<void> {
    for (const keys of chunks(accountKeys)) await this.states.delete({ job, accountKey: In(keys) });
  }

  /** Every key `job` has a pair for (read once per process, when it first reconciles the job). */
  async pairKeys(job: string): Promise<string[]> {
    return (await this.states.find({ where: { job }, select: { accountKey: true } })).map((state) => state.accountKey);
  }

  /** Up to `limit` keys of `job` that are due and not leased by anyone, the longest due first. */
  async findDue(job: string, limit: number): Promise<string[]> {
    const now = this.at('now');
    const rows = await this.states
      .createQueryBuilder('s')
      .select('s.accountKey', 'accountKey')
      .where('s.job = :job', { job })
      .andWhere(`s.next_run_at <= ${now.sql}`)
      .andWhere(`(s.lease_expires_at IS NULL OR s.lease_expires_at < ${now.sql})`)
      .setParameters(now.params)
      .orderBy('s.next_run_at', 'ASC')
      .addOrderBy('s.account_key', 'ASC')
      .limit(limit)
      .getRawMany<{ accountKey: string }>();
    return rows.map((row) => row.accountKey);
  }

  /**
   * Takes the lease on (job, account) for `owner` when nobody holds a live one. `onlyIfDue` keeps
   * scheduled ticks from running a pair early; an admin trigger passes false, and makes the pair due
   * now in the same write: a run it started that dies with its process is run again by the first tick
   * after the lease expired (the trigger is durable before it is answered), and the run's end sets the
   * next due time as ever.
   */
  async claim(job: string, accountKey: string, owner: string, leaseMs: number, onlyIfDue: boolean): Promise<boolean> {
    const [now, expires] = [this.at('now'), this.at('expires', leaseMs)];
    const query = this.states
      .createQueryBuilder()
      .update()
      .set({ leaseOwner: owner, leaseExpiresAt: () => expires.sql, ...(onlyIfDue ? {} : { nextRunAt: () => now.sql }) })
      .where('job = :job AND account_key = :accountKey', { job, accountKey })
      .andWhere(`(lease_expires_at IS NULL OR lease_expires_at < ${now.sql})`)
      .setParameters({ ...now.params, ...expires.params });
    if (onlyIfDue) query.andWhere(`next_run_at <= ${now.sql}`);
    const result = await query.execute();
    return result.affected === 1;
  }

  /** Extends a held lease; false when it was lost (expired and taken over, or the pair removed), and the holder must stop. */
  async renew(job: string, accountKey: string, owner: string, leaseMs: number): Promise<boolean> {
    const [now, expires] = [this.at('now'), this.at('expires', leaseMs)];
    const result = await this.states
      .createQueryBuilder()
      .update()
      .set({ leaseExpiresAt: () => expires.sql })
      .where('job = :job AND account_key = :accountKey AND lease_owner = :owner', { job, accountKey, owner })
      .andWhere(`lease_expires_at >= ${now.sql}`)
      .setParameters({ ...now.params, ...expires.params })
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

  /** Ends a run: releases the lease and schedules the next run (back-off after failures). A lost lease writes nothing. */
  async finish(job: string, accountKey: string, owner: string, outcome: SyncPairOutcome): Promise<void> {
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
      .where('job = :job AND account_key = :accountKey AND lease_owner = :owner', { job, accountKey, owner })
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

function chunks<T>(values: T[]): T[][] {
  const out: T[][] = [];
  for (let start = 0; start < values.length; start += KEYS_PER_STATEMENT) out.push(values.slice(start, start + KEYS_PER_STATEMENT));
  return out;
}
