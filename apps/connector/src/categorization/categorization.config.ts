import { env, type ConfigValues } from '#common';

export const categorizationConfigShape = {
  syncTaxonomyIntervalMs: env.integer({
    name: 'SYNC_TAXONOMY_INTERVAL_MS',
    description: "How often the copy of Marketplacer's brands, taxons and prototypes is refreshed",
    default: 3_600_000,
    min: 10_000,
    max: 604_800_000,
  }),
};

export type CategorizationConfig = ConfigValues<typeof categorizationConfigShape>;
