import { Injectable, type OnModuleInit } from '@nestjs/common';
import { SyncService } from '../sync/index.js';
import { WebhookHandlers } from '../webhooks/index.js';
import { SharedRefresh } from './shared-refresh.js';
import { TaxonomyRefreshJob } from './taxonomy-refresh.job.js';

/**
 * OptionType and OptionValue webhooks (and taxonomy ones, where an instance sends them): the taxonomy
 * copy is refreshed through its sync job (its lease keeps one refresh at a time across replicas). The
 * events of one burst (an option type and its values) share the refresh that starts after them
 * (`SharedRefresh`) instead of one each; a refresh another replica or the schedule runs makes the
 * event fail on the lease and be retried after it (that run may have read before the change).
 * A destroy whose object is gone (an option value deleted) names no object and never reaches this
 * handler (the receiver keeps it as ignored); the option type's update fired with it (INFERRED), or
 * the next scheduled refresh, shows the value gone.
 */
@Injectable()
export class TaxonomyWebhooks implements OnModuleInit {
  private readonly refresh: SharedRefresh<{ id: number }>;

  constructor(
    private readonly handlers: WebhookHandlers,
    sync: SyncService,
    job: TaxonomyRefreshJob,
  ) {
    this.refresh = new SharedRefresh<{ id: number }>(() => sync.runNow(job.name));
  }

  onModuleInit(): void {
    this.handlers.register(['OptionType', 'OptionValue', 'Taxon', 'Prototype'], async () => {
      const run = await this.refresh.request();
      return { applied: true, note: `the taxonomy copy was refreshed (sync run ${run.id})` };
    });
  }
}
