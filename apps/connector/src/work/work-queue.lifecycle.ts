import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { RUNS_BACKGROUND_WORK } from '../background-work.js';
import { WorkQueue } from './work-queue.js';

/**
 * Starts the WorkQueue once every context has defined its queues, and drains it before the database
 * closes. A process that runs no background work (`npm run doctor`) never starts it.
 */
@Injectable()
export class WorkQueueLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
  constructor(
    private readonly queue: WorkQueue,
    @Inject(RUNS_BACKGROUND_WORK) private readonly runsBackgroundWork: boolean,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.runsBackgroundWork) await this.queue.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.queue.stop();
  }
}
