import { Injectable } from '@nestjs/common';
import { ListSyncRunsQuery, ListSyncStatesQuery, SyncJobDto, SyncRunDto, SyncStateDto } from './dto/sync.dto.js';
import { syncErrors } from './sync.errors.js';
import { SyncJobRegistry } from './sync-job.registry.js';
import { SyncRunLedger } from './sync-run.ledger.js';
import { SyncStateStore } from './sync-state.store.js';
import { SyncService } from './sync.service.js';

/** How long `?wait=true` holds an admin's trigger before answering with the run still running. */
export const TRIGGER_WAIT_MS = 60_000;

/** What admins see of the engine and the one thing they can make it do. */
@Injectable()
export class SyncAdminService {
  constructor(
    private readonly registry: SyncJobRegistry,
    private readonly store: SyncStateStore,
    private readonly ledger: SyncRunLedger,
    private readonly sync: SyncService,
  ) {}

  jobs(): SyncJobDto[] {
    return this.registry.all().map((job) => {
      const off = this.sync.switchedOffBecause(job);
      return {
        name: job.name,
        intervalMs: job.intervalMs,
        contractFeature: job.contractFeature ?? null,
        switchedOff: off && { feature: off.feature, reason: off.reason, documents: off.documents.map((document) => document.operation) },
      };
    });
  }

  async states(query: ListSyncStatesQuery): Promise<SyncStateDto[]> {
    const now = await this.store.now(); // the schedule clock's: the one leases are written in
    const offReasons = new Map(this.registry.all().map((job) => [job.name, this.sync.switchedOffBecause(job)?.reason ?? null]));
    return (await this.store.list({ job: query.job, accountKey: query.accountKey })).map((state) => ({
      ...SyncStateDto.from(state, now),
      switchedOffBecause: offReasons.get(state.job) ?? null,
    }));
  }

  async runs(query: ListSyncRunsQuery): Promise<SyncRunDto[]> {
    return (await this.ledger.list(query)).map(SyncRunDto.from);
  }

  async run(id: number): Promise<SyncRunDto> {
    const run = await this.ledger.get(id);
    if (!run) throw syncErrors.runNotFound(id);
    return SyncRunDto.from(run);
  }

  /**
   * Starts a run now. With `wait`, answers once it has ended (or after TRIGGER_WAIT_MS, still running),
   * so a person at a terminal sees the outcome in one call.
   */
  async trigger(job: string, wait = false): Promise<SyncRunDto> {
    const run = await this.sync.trigger(job);
    if (!wait) return SyncRunDto.from(run);
    let timer: NodeJS.Timeout | undefined;
    const patience = new Promise<void>((resolve) => (timer = setTimeout(resolve, TRIGGER_WAIT_MS)));
    await Promise.race([this.sync.whenTriggeredRunEnds(run.id), patience]).finally(() => clearTimeout(timer));
    return SyncRunDto.from((await this.ledger.get(run.id)) ?? run);
  }
}
