import { env, type ConfigValues, type ShareTerms } from '#common';

/** The sync engine's knobs; each job's interval is its own variable. */
export const syncConfigShape = {
  syncEnabled: env.boolean({ name: 'SYNC_ENABLED', description: 'Run scheduled sync jobs in this process (admins can still trigger runs)', default: true }),
  syncConcurrency: env.integer({
    name: 'SYNC_CONCURRENCY',
    description: "Accounts' shares of one feed page one process handles at the same time",
    default: 4,
    min: 1,
    max: 64,
  }),
  syncLeaseMs: env.integer({
    name: 'SYNC_LEASE_MS',
    description: "How long a claimed job's feed stays claimed without a heartbeat; a crashed holder is taken over after it",
    default: 120_000,
    min: 1_000,
    max: 3_600_000,
  }),
  syncMaxBackoffMs: env.integer({
    name: 'SYNC_MAX_BACKOFF_MS',
    description: 'Longest wait before retrying an account whose runs keep failing (doubling from the job interval)',
    default: 3_600_000,
    min: 1_000,
    max: 86_400_000,
  }),
  healthFeedStaleAfterIntervals: env.integer({
    name: 'HEALTH_FEED_STALE_AFTER_INTERVALS',
    description:
      'Readiness says degraded when a feed has not run successfully for this many of its intervals (the interval it polls at now); a feed that has not succeeded since start-up counts from the start',
    default: 3,
    min: 1,
    max: 1000,
  }),
  reconciliationBudgetPercent: env.integer({
    name: 'RECONCILIATION_BUDGET_PERCENT',
    description:
      "The most of each remote's request budget (Marketplacer's API key, each ANYMARKET seller token) the reconciliation jobs may use, in percent; they also yield while feeds, webhooks and remotes fill the rest",
    default: 20,
    min: 1,
    max: 100,
  }),
  reconciliationMaxWaitMs: env.integer({
    name: 'RECONCILIATION_MAX_WAIT_MS',
    description: 'Longest a reconciliation request waits for its share of a budget; past it the run stops and the next one resumes',
    default: 300_000,
    min: 1_000,
    max: 3_600_000,
  }),
};

export type SyncConfig = ConfigValues<typeof syncConfigShape>;

/** The reconciliations' share of each remote budget (ADR 0023): one name, so both jobs share one per ANYMARKET token. */
export function reconciliationShareOf(config: Pick<SyncConfig, 'reconciliationBudgetPercent' | 'reconciliationMaxWaitMs'>): ShareTerms {
  return { name: 'reconciliation', fraction: config.reconciliationBudgetPercent / 100, maxWaitMs: config.reconciliationMaxWaitMs };
}
