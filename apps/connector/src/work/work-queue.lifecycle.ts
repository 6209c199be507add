import { Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { WorkQueue } from './work-queue.js';

/** Starts the WorkQueue once every context has defined its queues, and drains it before the database closes. */
@Injectable()
export class WorkQueueLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
  constructor(private readonly queue: WorkQueue) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.queue.stop();
  }
}
