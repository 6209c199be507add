import { env, type ConfigValues } from '#common';

/** Variables of the Sellers context: the seller directory's feed and how long its copy is trusted. */
export const sellersConfigShape = {
  syncSellersIntervalMs: env.integer({
    name: 'SYNC_SELLERS_INTERVAL_MS',
    description:
      "How often Marketplacer's sellers change feed (allSellers, deleted sellers included) is read, once for the whole marketplace, into the seller directory",
    default: 60_000,
    min: 1_000,
    max: 86_400_000,
  }),
  sellerDirectoryMaxAgeMs: env.integer({
    name: 'SELLER_DIRECTORY_MAX_AGE_MS',
    description:
      'Activation (testIntegration, saveAccount) answers from the seller directory while its last complete read is younger than this; older (the feed is off or failing), it asks Marketplacer',
    default: 300_000,
    min: 1_000,
    max: 86_400_000,
  }),
};

export type SellersConfig = ConfigValues<typeof sellersConfigShape>;
