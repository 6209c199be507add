/** One feature an app switched off, as readiness reports it. */
export interface HealthFeatureOff {
  /** Stable id (`orders.feed`). */
  feature: string;
  /** Why it is off, in one line. */
  reason: string;
}

/** What a contributor adds to readiness: the features it has switched off (none while all is well). */
export interface HealthContribution {
  featuresOff: HealthFeatureOff[];
}

/**
 * The extension point of `GET /health`: an app provides one (optional; e.g. the connector's live
 * contract check) and readiness says `degraded` (still 200: the process serves, what is off is named)
 * while it reports features off. It is asked on every readiness call: answer from memory, never a remote.
 */
export abstract class HealthContributor {
  abstract contribute(): HealthContribution;
}
