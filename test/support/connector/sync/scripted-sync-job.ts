import { Injectable, Module, type OnModuleInit } from '@nestjs/common';
import type { SyncJob, SyncPageResult, SyncPosition } from '../../../../apps/connector/src/sync/sync-job.js';
import { SyncJobRegistry } from '../../../../apps/connector/src/sync/sync-job.registry.js';
import { SyncModule } from '../../../../apps/connector/src/sync/sync.module.js';

/** The scripted jobs every test app registers: `scripted`, and others where a test needs several feeds. */
export const SCRIPTED_JOBS = ['scripted', 'scripted-2', 'scripted-3', 'scripted-4', 'scripted-5', 'scripted-6'] as const;
export type ScriptedJobName = (typeof SCRIPTED_JOBS)[number];

export interface PageRead {
  process: string;
  job: string;
  cursor: string | null;
  watermark: string | null;
}

/**
 * Jobs over a fake remote: each job's feed has `pagesPerScan` pages of 10 items. Every page read is
 * recorded; `hooks.beforePage` can fail or stall a read, standing in for a remote error or a crash.
 */
export class ScriptedScenario {
  pagesPerScan = 3;
  intervalMs = 60_000;
  readonly reads: PageRead[] = [];
  /** Item pushes by `${job}:${item}`: the side effects that must not repeat. */
  readonly pushes = new Map<string, number>();
  beforePage: (read: PageRead) => Promise<void> = async () => undefined;

  readsOf(job: string): PageRead[] {
    return this.reads.filter((read) => read.job === job);
  }

  async processPage(process: string, job: string, position: SyncPosition): Promise<SyncPageResult> {
    const read = { process, job, cursor: position.cursor, watermark: position.watermark };
    await this.beforePage(read);
    this.reads.push(read);
    const page = position.cursor === null ? 0 : Number(position.cursor);
    for (let item = page * 10; item < page * 10 + 10; item++) {
      const key = `${job}:${item}`;
      this.pushes.set(key, (this.pushes.get(key) ?? 0) + 1);
    }
    const last = page + 1 >= this.pagesPerScan;
    const reached = `2026-01-01T00:00:${String(page).padStart(2, '0')}Z`;
    return { nextCursor: last ? null : String(page + 1), pendingWatermark: reached, counts: { seen: 10, changed: 10, failed: 0 } };
  }
}

export const scenario = new ScriptedScenario();
let processCounter = 0;

@Injectable()
export class ScriptedJobRegistration implements OnModuleInit {
  /** Which test app ran a page (two apps in one test stand for two processes). */
  readonly process = `process-${++processCounter}`;
  constructor(private readonly registry: SyncJobRegistry) {}

  onModuleInit(): void {
    const process = this.process;
    for (const name of SCRIPTED_JOBS) {
      const job: SyncJob = {
        name,
        get intervalMs() {
          return scenario.intervalMs;
        },
        processPage: (position) => scenario.processPage(process, name, position),
      };
      this.registry.register(job);
    }
  }
}

/** Add to a test app (extraModules) to register the scripted jobs. */
@Module({ imports: [SyncModule], providers: [ScriptedJobRegistration] })
export class ScriptedSyncJobModule {}
