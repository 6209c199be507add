import { env, type ConfigValues } from '#common';

/** Variables of the Sellers context's remittances copy. */
export const remittancesConfigShape = {
  syncRemittancesIntervalMs: env.integer({
    name: 'SYNC_REMITTANCES_INTERVAL_MS',
    description:
      "How often Marketplacer's remittances and remittance advices are copied for the admin API: both lists are read whole (Marketplacer gives them no " +
      'change feed nor seller filter), once per marketplace, and only what changed is written',
    default: 900_000,
    min: 1_000,
    max: 86_400_000,
  }),
};

export type RemittancesConfig = ConfigValues<typeof remittancesConfigShape>;
