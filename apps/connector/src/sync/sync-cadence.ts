import { Injectable, Logger } from '@nestjs/common';
import type { SyncJob } from './sync-job.js';

/** Says how long a job may wait instead of its own interval (null: its own), e.g. while webhooks deliver its changes. */
export type IntervalAdvisor = (job: SyncJob) => Promise<number | null>;

/**
 * How long a job waits after a successful run: its own interval, or longer when the advisor says its
 * changes arrive another way (the webhooks context: while a job's webhook types are arriving, the
 * feed is only the safety net). Never shorter than the job's own interval; an advisor that fails
 * leaves the job's own interval, so a broken advisor can only make a feed poll as usual.
 */
@Injectable()
export class SyncCadence {
  private readonly logger = new Logger('Sync');
  private advisor: IntervalAdvisor | null = null;

  /** One advisor for the app (the webhooks context sets it at start). */
  advise(advisor: IntervalAdvisor): void {
    this.advisor = advisor;
  }

  async intervalOf(job: SyncJob): Promise<number> {
    if (!this.advisor || !job.webhookTypes?.length) return job.intervalMs;
    try {
      const advised = await this.advisor(job);
      // Only a finite, longer interval is taken: a feed is never stopped nor made to poll faster.
      return advised !== null && Number.isFinite(advised) ? Math.max(job.intervalMs, advised) : job.intervalMs;
    } catch (error) {
      this.logger.warn({ msg: 'could not tell whether webhooks cover a feed; it keeps its own interval', job: job.name, reason: String(error) });
      return job.intervalMs;
    }
  }
}
