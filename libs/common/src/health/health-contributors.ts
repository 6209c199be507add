import { Injectable } from '@nestjs/common';
import type { HealthContributor } from './health-contributor.js';

/**
 * Everything that contributes to readiness besides the database: contexts add theirs in onModuleInit
 * (as they register jobs with the SyncJobRegistry and webhook handlers with WebhookHandlers), so
 * libs/common needs to know none of them. One per app, provided by CoreModule.
 */
@Injectable()
export class HealthContributors {
  private readonly contributors = new Map<string, HealthContributor>();

  add(contributor: HealthContributor): void {
    if (this.contributors.has(contributor.key)) throw new Error(`Health contributor "${contributor.key}" is added twice`);
    this.contributors.set(contributor.key, contributor);
  }

  all(): HealthContributor[] {
    return [...this.contributors.values()];
  }
}
