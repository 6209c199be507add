import { Injectable, type OnModuleInit } from '@nestjs/common';
import { Metrics } from '#common';
import { WorkQueue, type QueueStats } from './work-queue.js';

type Figure = Exclude<keyof QueueStats, 'queue'>;

/** Per queue (a fixed set: `orders`, `listings`, `webhook-events`, …), what the WorkQueue holds, read at scrape time in one query. */
const FAMILIES: Array<{ figure: Figure; name: string; help: string }> = [
  { figure: 'waiting', name: 'connector_work_jobs_waiting', help: 'Jobs due and waiting for a worker, per queue' },
  { figure: 'delayed', name: 'connector_work_jobs_delayed', help: "Jobs scheduled for later (a retry's backoff), per queue" },
  {
    figure: 'oldestWaitingSeconds',
    name: 'connector_work_oldest_waiting_seconds',
    help: 'How long the job due longest has waited for a worker, per queue (0: none waits)',
  },
  { figure: 'running', name: 'connector_work_jobs_running', help: 'Jobs running now, per queue' },
  { figure: 'failed', name: 'connector_work_jobs_failed', help: 'Jobs that failed for good (every retry spent), kept for an operator to retry, per queue' },
];

@Injectable()
export class WorkMetrics implements OnModuleInit {
  constructor(
    private readonly metrics: Metrics,
    private readonly queue: WorkQueue,
  ) {}

  onModuleInit(): void {
    const gauges = FAMILIES.map((family) => ({ ...family, gauge: this.metrics.gauge({ name: family.name, help: family.help, labelNames: ['queue'] }) }));
    this.metrics.onScrape('work', async () => {
      const stats = await this.queue.stats();
      for (const { figure, gauge } of gauges) for (const queue of stats) gauge.set({ queue: queue.queue }, queue[figure]);
    });
  }
}
