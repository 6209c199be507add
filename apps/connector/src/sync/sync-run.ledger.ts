import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { LessThan, type FindOptionsWhere, type Repository } from 'typeorm';
import { SyncRunEntity, type SyncRunOutcome } from './entities/sync-run.entity.js';
import type { SyncCounts } from './sync-job.js';
import { FEED_KEY } from './sync-state.store.js';

export interface SyncRunFilter {
  job?: string;
  accountKey?: string;
  outcome?: SyncRunOutcome;
  beforeId?: number;
  limit: number;
}

/** Records every run: started, then finished with its outcome, counts and error. */
@Injectable()
export class SyncRunLedger {
  constructor(@InjectRepository(SyncRunEntity) private readonly runs: Repository<SyncRunEntity>) {}

  async start(job: string, trigger: 'schedule' | 'admin', runner: string, now: Date): Promise<SyncRunEntity> {
    return this.runs.save(
      this.runs.create({
        job,
        accountKey: FEED_KEY,
        trigger,
        runner,
        startedAt: now,
        finishedAt: null,
        outcome: 'running',
        pages: 0,
        itemsSeen: 0,
        itemsChanged: 0,
        itemsFailed: 0,
        errorCode: null,
        errorMessage: null,
      }),
    );
  }

  /** Runs of this job left `running` by a holder that crashed or lost its lease. */
  async abandonStale(job: string, exceptRunId: number, now: Date): Promise<void> {
    await this.runs
      .createQueryBuilder()
      .update()
      .set({ outcome: 'abandoned', finishedAt: now, errorCode: 'SYNC_LEASE_LOST', errorMessage: 'The process running it stopped or lost its lease' })
      .where('job = :job AND outcome = :running AND id <> :exceptRunId', { job, running: 'running', exceptRunId })
      .execute();
  }

  async progress(runId: number, pages: number, counts: SyncCounts): Promise<void> {
    await this.runs.update(runId, { pages, itemsSeen: counts.seen, itemsChanged: counts.changed, itemsFailed: counts.failed });
  }

  async finish(runId: number, outcome: Exclude<SyncRunOutcome, 'running'>, now: Date, error?: { code: string; message: string }): Promise<void> {
    await this.runs.update(runId, { outcome, finishedAt: now, errorCode: error?.code ?? null, errorMessage: error?.message ?? null });
  }

  async list(filter: SyncRunFilter): Promise<SyncRunEntity[]> {
    const where: FindOptionsWhere<SyncRunEntity> = {};
    if (filter.job) where.job = filter.job;
    if (filter.accountKey) where.accountKey = filter.accountKey;
    if (filter.outcome) where.outcome = filter.outcome;
    if (filter.beforeId) where.id = LessThan(filter.beforeId);
    return this.runs.find({ where, order: { id: 'DESC' }, take: filter.limit });
  }

  async get(runId: number): Promise<SyncRunEntity | null> {
    return this.runs.findOneBy({ id: runId });
  }
}
