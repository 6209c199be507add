import { Injectable, type OnModuleInit } from '@nestjs/common';
import { RemoteActivity, type RemoteName, type RemoteStanding } from '../resilience/remote-activity.js';
import type { HealthContribution, HealthContributor, HealthDegradation } from './health-contributor.js';
import { HealthContributors } from './health-contributors.js';

/** The remotes' names as people write them. */
const REMOTE_TITLES: Record<RemoteName, string> = { marketplacer: 'Marketplacer', anymarket: 'ANYMARKET' };

/** A time in a reason: ISO 8601 in UTC, to the second. */
export const reasonTime = (at: Date): string => at.toISOString().replace(/\.\d{3}Z$/, 'Z');

/**
 * Readiness from what the remote clients' RemoteCallPolicy saw (RemoteActivity, in memory): a remote is
 * degraded while its circuit is open, or while its last attempts failed as outages (5xx, timeout, no
 * connection) with no answer since. A 4xx or a 429 is an answer (the remote is up). Never calls a remote:
 * it turns `ok` again once a call of the app's own (a feed run, a remote's request) is answered.
 */
@Injectable()
export class RemotesHealth implements HealthContributor, OnModuleInit {
  readonly key = 'remotes';

  constructor(
    private readonly activity: RemoteActivity,
    private readonly contributors: HealthContributors,
  ) {}

  onModuleInit(): void {
    this.contributors.add(this);
  }

  contribute(): HealthContribution {
    const standings = this.activity.standingsNow();
    return {
      degraded: standings.map(degradationOf).filter((degradation): degradation is HealthDegradation => degradation !== null),
      details: { remotes: standings.map(detailOf) },
    };
  }
}

function degradationOf(standing: RemoteStanding): HealthDegradation | null {
  const failing = standing.consecutiveOutages > 0;
  if (!failing && standing.circuit !== 'open') return null;
  const parts: string[] = [];
  if (failing) {
    const count = standing.consecutiveOutages === 1 ? '1 failure' : `${standing.consecutiveOutages} failures in a row`;
    const since = standing.outagesSince ? ` since ${reasonTime(standing.outagesSince)}` : '';
    parts.push(`${standing.lastOutage ?? 'outage'}, ${count}${since}`);
  }
  parts.push(standing.lastOkAt ? `last success ${reasonTime(standing.lastOkAt)}` : 'no success since start-up');
  if (standing.circuit === 'open') parts.push('circuit open: calls fail fast until a probe succeeds');
  if (standing.circuit === 'half-open') parts.push('circuit half-open: a probe is let through');
  return { component: `remote.${standing.remote}`, reason: `${REMOTE_TITLES[standing.remote]}: ${parts.join('; ')}` };
}

function detailOf(standing: RemoteStanding): Record<string, unknown> {
  return {
    remote: standing.remote,
    circuit: standing.circuit,
    consecutiveOutages: standing.consecutiveOutages,
    lastOutage: standing.lastOutage ?? null,
    outagesSince: standing.outagesSince?.toISOString() ?? null,
    lastOkAt: standing.lastOkAt?.toISOString() ?? null,
    rateLimited: standing.rateLimited,
  };
}
