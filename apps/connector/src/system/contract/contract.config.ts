import { env, type ConfigValues } from '#common';
import type { MarketplacerConfig } from '#marketplacer';
import type { ReceiverAddressConfig } from '../../webhooks/index.js';

/** Variables of the live contract check. */
export const contractConfigShape = {
  contractCheckIntervalMs: env.integer({
    name: 'CONTRACT_CHECK_INTERVAL_MS',
    description:
      "How often the live contract check runs (Marketplacer's operation documents against its live schema, the ANYMARKET accounts, the webhooks); it also runs at start and on demand. 0 = only at start and on demand",
    default: 3_600_000,
    min: 0,
    max: 7 * 86_400_000,
  }),
};

export type ContractConfig = ConfigValues<typeof contractConfigShape>;

/** What the contract check reads of the connector's config: its own variables, the mode, Marketplacer's endpoint and keys, the receiver's address. */
export type ContractCheckConfig = ContractConfig &
  ReceiverAddressConfig &
  Pick<MarketplacerConfig, 'marketplacerApiUrl' | 'marketplacerWebhookHmacKeys'> & { readonly demoMode: boolean };
