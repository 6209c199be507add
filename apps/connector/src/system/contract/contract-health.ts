import { Injectable } from '@nestjs/common';
import { HealthContributor, type HealthContribution } from '#common';
import { MarketplacerContractStatus } from '#marketplacer';

/** Readiness says `degraded` (still 200) while a feature is off because the live schema refuses a document it needs, naming it and why. */
@Injectable()
export class ContractHealth extends HealthContributor {
  constructor(private readonly status: MarketplacerContractStatus) {
    super();
  }

  contribute(): HealthContribution {
    return { featuresOff: this.status.featuresOff().map(({ feature, reason }) => ({ feature, reason })) };
  }
}
