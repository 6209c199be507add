import { Injectable, type OnModuleInit } from '@nestjs/common';
import { HealthContributors, type HealthContribution, type HealthContributor } from '#common';
import { MarketplacerContractStatus } from '#marketplacer';

/** Readiness says `degraded` (still 200) while a feature is off because the live schema refuses a document it needs, naming it and why. */
@Injectable()
export class ContractHealth implements HealthContributor, OnModuleInit {
  readonly key = 'contract';

  constructor(
    private readonly status: MarketplacerContractStatus,
    private readonly contributors: HealthContributors,
  ) {}

  onModuleInit(): void {
    this.contributors.add(this);
  }

  contribute(): HealthContribution {
    const featuresOff = this.status.featuresOff().map(({ feature, reason }) => ({ feature, reason }));
    return {
      degraded: featuresOff.map(({ feature, reason }) => ({ component: `feature.${feature}`, reason: `${feature} is off: ${reason}` })),
      details: { featuresOff },
    };
  }
}
