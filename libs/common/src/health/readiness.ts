import { HttpStatus, Injectable, ServiceUnavailableException } from '@nestjs/common';
import { HealthCheckService, HealthIndicatorService, type HealthCheckResult, type HealthIndicatorFunction } from '@nestjs/terminus';
import { DATABASE_CHECK_TIMEOUT_MS, DatabaseHealth } from './database-health.js';
import type { HealthContribution, HealthContributor, HealthDegradation } from './health-contributor.js';
import { HealthContributors } from './health-contributors.js';

/** The readiness answer: terminus' result, and every degradation named with its reason. */
export interface ReadinessAnswer extends HealthCheckResult {
  /** Each impaired component and why; empty while `status` is `ok`. */
  degraded: HealthDegradation[];
}

/**
 * `GET /health/ready` on @nestjs/terminus: the database and its migrations as the indicators that make
 * the process not ready (terminus' `error`, 503; `shutting_down` while Nest closes), and every
 * registered HealthContributor as one indicator that is `up` or `degraded` (terminus' `degraded`, 200).
 */
@Injectable()
export class Readiness {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicator: HealthIndicatorService,
    private readonly database: DatabaseHealth,
    private readonly contributors: HealthContributors,
  ) {}

  async check(): Promise<{ httpStatus: HttpStatus; answer: ReadinessAnswer }> {
    const degraded: HealthDegradation[][] = [];
    const contributions = this.contributors.all().map((contributor, index): HealthIndicatorFunction => async () => {
      const contribution = await contributionOf(contributor);
      degraded[index] = contribution.degraded;
      const data = { ...contribution.details, reasons: contribution.degraded.map((each) => each.reason) };
      const session = this.indicator.check(contributor.key);
      return contribution.degraded.length ? session.degraded(data) : session.up(data);
    });
    const indicators: HealthIndicatorFunction[] = [() => this.database.ping(), () => this.database.migrations(), ...contributions];
    let httpStatus = HttpStatus.OK;
    let result: HealthCheckResult;
    try {
      result = await this.health.check(indicators);
    } catch (error) {
      // terminus answers not-ready by throwing its result as a 503; it is the answer, not a failure.
      if (!(error instanceof ServiceUnavailableException)) throw error;
      httpStatus = HttpStatus.SERVICE_UNAVAILABLE;
      result = error.getResponse() as HealthCheckResult;
    }
    return { httpStatus, answer: { status: result.status, degraded: degraded.flat(), info: result.info, error: result.error, details: result.details } };
  }
}

/**
 * A contributor's answer, bounded: one that fails or does not answer in time (its database query hung)
 * degrades readiness naming itself, never fails it; whether the database is up is the database's own
 * indicator's question.
 */
async function contributionOf(contributor: HealthContributor): Promise<HealthContribution> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${DATABASE_CHECK_TIMEOUT_MS} ms`)), DATABASE_CHECK_TIMEOUT_MS);
  });
  try {
    return await Promise.race([Promise.resolve(contributor.contribute()), late]);
  } catch (error) {
    const reason = `could not tell (${error instanceof Error ? error.message : String(error)})`;
    return { degraded: [{ component: contributor.key, reason: `${contributor.key}: ${reason}` }] };
  } finally {
    clearTimeout(timer);
  }
}
