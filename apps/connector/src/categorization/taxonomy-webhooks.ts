import { Injectable, type OnModuleInit } from '@nestjs/common';
import { SyncService } from '../sync/index.js';
import { WebhookHandlers } from '../webhooks/index.js';
import { TaxonomyRefreshJob } from './taxonomy-refresh.job.js';

/**
 * OptionType and OptionValue webhooks (and taxonomy ones, where an instance sends them): the taxonomy
 * copy is refreshed now through its sync job (its lease keeps one refresh at a time across replicas).
 * A refresh already running may have read before the change: the event is retried after it.
 */
@Injectable()
export class TaxonomyWebhooks implements OnModuleInit {
  constructor(
    private readonly handlers: WebhookHandlers,
    private readonly sync: SyncService,
    private readonly job: TaxonomyRefreshJob,
  ) {}

  onModuleInit(): void {
    this.handlers.register(['OptionType', 'OptionValue', 'Taxon', 'Prototype'], async () => {
      const run = await this.sync.runNow(this.job.name);
      return { applied: true, note: `the taxonomy copy was refreshed (sync run ${run.id})` };
    });
  }
}
