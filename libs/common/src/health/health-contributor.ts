/** One thing that works less well than it should, as readiness names it. */
export interface HealthDegradation {
  /** Stable id of what is impaired (`remote.marketplacer`, `feed.adverts`, `feature.orders.feed`). */
  component: string;
  /** Why, in one line a person on call can act on. */
  reason: string;
}

/** What a contributor adds to readiness: what is impaired now (none while all is well), and what it looked at. */
export interface HealthContribution {
  degraded: HealthDegradation[];
  /** Shown under the contributor's key in the answer's `details` (counts, times: never a secret). */
  details?: Record<string, unknown>;
}

/**
 * One part of `GET /health/ready` beside the database: a context of an app (or libs/common itself, for
 * the remotes) says what it has seen go wrong. A contribution can only make readiness `degraded` (still
 * 200: the process serves, what is impaired is named); only the database and its migrations make it
 * not ready. Asked on every readiness call: answer from memory or the local database, never a remote.
 * Registered with `HealthContributors`, in the contributor's onModuleInit.
 */
export interface HealthContributor {
  /** Its key in the answer's `info`/`details` (`remotes`, `feeds`, `contract`), unique per app. */
  readonly key: string;
  contribute(): HealthContribution | Promise<HealthContribution>;
}
