import { env, type ConfigValues } from '#common';

/** Variables of the Products context: listings (sendProduct work) and the adverts poll. */
export const productsConfigShape = {
  syncAdvertsIntervalMs: env.integer({
    name: 'SYNC_ADVERTS_INTERVAL_MS',
    description: "How often each account's Marketplacer adverts are polled for changes to report to ANYMARKET",
    default: 60_000,
    min: 1_000,
    max: 86_400_000,
  }),
  listingSweepIntervalMs: env.integer({
    name: 'LISTING_SWEEP_INTERVAL_MS',
    description: 'How often queued or stuck listings (sendProduct/deletePublication work) are looked for and processed (when SYNC_ENABLED)',
    default: 30_000,
    min: 1_000,
    max: 3_600_000,
  }),
  listingMaxAttempts: env.integer({
    name: 'LISTING_MAX_ATTEMPTS',
    description: 'Attempts at one listing change (first one included) on transient failures before it is reported to ANYMARKET as ERROR',
    default: 5,
    min: 1,
    max: 20,
  }),
  listingRetryBaseMs: env.integer({
    name: 'LISTING_RETRY_BASE_MS',
    description: 'First wait before retrying a listing change that failed transiently, doubled per attempt, in milliseconds',
    default: 5_000,
    min: 1,
    max: 3_600_000,
  }),
  listingClaimMs: env.integer({
    name: 'LISTING_CLAIM_MS',
    description: 'How long a process owns a listing it is processing; after it (a crash) the sweep hands the listing to another run',
    default: 300_000,
    min: 1_000,
    max: 3_600_000,
  }),
};

export type ProductsConfig = ConfigValues<typeof productsConfigShape> & { readonly syncEnabled: boolean };
