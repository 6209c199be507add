import { env, type ConfigValues, type DatabaseTarget } from '#common';

/** The WorkQueue's knobs; each queue's concurrency and retries belong to its context's variables. */
export const workConfigShape = {
  workPollIntervalMs: env.integer({
    name: 'WORK_POLL_INTERVAL_MS',
    description: 'Postgres: how often an idle worker looks for jobs other replicas sent (jobs sent in the same process start at once)',
    default: 1_000,
    min: 500,
    max: 60_000,
  }),
  workMaintenanceIntervalMs: env.integer({
    name: 'WORK_MAINTENANCE_INTERVAL_MS',
    description: 'Postgres: how often expired runs (their process died) are failed and retried, and old jobs archived',
    default: 60_000,
    min: 1_000,
    max: 3_600_000,
  }),
  workFailedRetentionDays: env.integer({
    name: 'WORK_FAILED_RETENTION_DAYS',
    description: 'Postgres: how long jobs that failed for good stay listed at GET /admin/work/failed (SQLite keeps the last 1,000, in its work_job table)',
    default: 7,
    min: 1,
    max: 365,
  }),
};

export type WorkConfig = ConfigValues<typeof workConfigShape> & { readonly databaseUrl: DatabaseTarget };
