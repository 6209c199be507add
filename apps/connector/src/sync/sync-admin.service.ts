import { Injectable } from '@nestjs/common';
import { ListSyncRunsQuery, ListSyncStatesQuery, SyncJobDto, SyncRunDto, SyncStateDto } from './dto/sync.dto.js';
import { syncErrors } from './sync.errors.js';
import { SyncJobRegistry } from './sync-job.registry.js';
import { SyncRunLedger } from './sync-run.ledger.js';
import { SyncClock } from './sync-runner.js';
import { SyncStateStore } from './sync-state.store.js';
import { SyncService } from './sync.service.js';

/** What admins see of the engine and the one thing they can make it do. */
@Injectable()
export class SyncAdminService {
  constructor(
    private readonly registry: SyncJobRegistry,
    private readonly store: SyncStateStore,
    private readonly ledger: SyncRunLedger,
    private readonly sync: SyncService,
    private readonly clock: SyncClock,
  ) {}

  jobs(): SyncJobDto[] {
    return this.registry.all().map((job) => ({ name: job.name, intervalMs: job.intervalMs }));
  }

  async states(query: ListSyncStatesQuery): Promise<SyncStateDto[]> {
    const now = this.clock.now();
    return (await this.store.list({ job: query.job, accountKey: query.accountKey })).map((state) => SyncStateDto.from(state, now));
  }

  async runs(query: ListSyncRunsQuery): Promise<SyncRunDto[]> {
    return (await this.ledger.list(query)).map(SyncRunDto.from);
  }

  async run(id: number): Promise<SyncRunDto> {
    const run = await this.ledger.get(id);
    if (!run) throw syncErrors.runNotFound(id);
    return SyncRunDto.from(run);
  }

  async trigger(job: string, accountKey: string): Promise<SyncRunDto> {
    return SyncRunDto.from(await this.sync.trigger(job, accountKey));
  }
}
