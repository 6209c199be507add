import { Injectable } from '@nestjs/common';
import type { SyncJob } from './sync-job.js';
import { syncErrors } from './sync.errors.js';

/** Contexts register their jobs here (in onModuleInit); the scheduler and the admin API read them. */
@Injectable()
export class SyncJobRegistry {
  private readonly jobs = new Map<string, SyncJob>();

  register(job: SyncJob): void {
    if (this.jobs.has(job.name)) throw new Error(`Sync job "${job.name}" is registered twice`);
    this.jobs.set(job.name, job);
  }

  all(): SyncJob[] {
    return [...this.jobs.values()];
  }

  get(name: string): SyncJob {
    const job = this.jobs.get(name);
    if (!job) throw syncErrors.unknownJob(name);
    return job;
  }
}
