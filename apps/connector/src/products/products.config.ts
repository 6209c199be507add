import { env, type ConfigValues } from '#common';

/** Variables of the Products context: listings (sendProduct work) and the adverts poll. */
export const productsConfigShape = {
  syncAdvertsIntervalMs: env.integer({
    name: 'SYNC_ADVERTS_INTERVAL_MS',
    description: "How often Marketplacer's adverts change feed is read (once for the whole marketplace) for changes to report to ANYMARKET",
    default: 60_000,
    min: 1_000,
    max: 86_400_000,
  }),
  listingsReconciliationIntervalMs: env.integer({
    name: 'LISTINGS_RECONCILIATION_INTERVAL_MS',
    description:
      "How often each linked seller's adverts (advertsWhere) are reconciled with its listings and what ANYMARKET was last told; each seller at its own slot in the interval (off with SYNC_ENABLED=false)",
    default: 3_600_000,
    min: 60_000,
    max: 7 * 86_400_000,
  }),
  listingConcurrency: env.integer({
    name: 'LISTING_CONCURRENCY',
    description: 'Listing changes (sendProduct/deletePublication work) one process works on at the same time; one ANYMARKET product at a time in any case',
    default: 4,
    min: 1,
    max: 64,
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
    description: 'First wait before retrying a listing change that failed transiently, doubled per attempt (with jitter), in milliseconds',
    default: 5_000,
    min: 1,
    max: 3_600_000,
  }),
  listingRunExpiryMs: env.integer({
    name: 'LISTING_RUN_EXPIRY_MS',
    description:
      'How long one run at a listing may last before it is presumed dead (its process crashed) and run again elsewhere; longer than the worst remote waits',
    default: 900_000,
    min: 1_000,
    max: 86_400_000,
  }),
};

export type ProductsConfig = ConfigValues<typeof productsConfigShape> & { readonly syncEnabled: boolean };
