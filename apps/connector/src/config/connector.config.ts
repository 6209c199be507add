import {
  adminConfigShape,
  databaseConfigShape,
  env,
  httpConfigShape,
  loadConfig,
  metricsConfigShape,
  requireEncryptionKeyOutsideDemo,
  tracingConfigShape,
  type ConfigValues,
} from '#common';
import { anymarketConfigShape, resolveAnymarketSettings } from '#anymarket';
import { marketplacerConfigShape, resolveMarketplacerConnection } from '#marketplacer';
import { accountsConfigShape } from '../accounts/index.js';
import { categorizationConfigShape } from '../categorization/index.js';
import { ordersConfigShape } from '../orders/index.js';
import { shipmentsConfigShape } from '../shipments/index.js';
import { remittancesConfigShape, sellersConfigShape } from '../sellers/index.js';
import { productsConfigShape } from '../products/index.js';
import { syncConfigShape } from '../sync/index.js';
import { contractConfigShape } from '../system/index.js';
import { webhooksConfigShape } from '../webhooks/index.js';
import { workConfigShape } from '../work/index.js';

/** Every variable the connector reads, validated together at boot (the README's configuration table). */
export const connectorConfigShape = {
  port: env.integer({ name: 'PORT', description: 'HTTP port of the connector', default: 3000, min: 1, max: 65535 }),
  publicUrl: env.optionalUrl({
    name: 'PUBLIC_URL',
    description: 'How callers reach the connector (shown in logs and Swagger)',
    defaultLabel: '`http://localhost:PORT`',
  }),
  simulatorUrl: env.url({
    name: 'SIMULATOR_URL',
    description: 'Base URL of the bundled simulator, used for every remote system left unconfigured (demo mode)',
    default: 'http://127.0.0.1:3001',
  }),
  ...httpConfigShape,
  ...databaseConfigShape,
  ...adminConfigShape,
  ...metricsConfigShape,
  ...marketplacerConfigShape,
  ...anymarketConfigShape,
  ...accountsConfigShape,
  ...syncConfigShape,
  ...workConfigShape,
  ...categorizationConfigShape,
  ...productsConfigShape,
  ...ordersConfigShape,
  ...shipmentsConfigShape,
  ...sellersConfigShape,
  ...remittancesConfigShape,
  ...webhooksConfigShape,
  ...contractConfigShape,
  ...tracingConfigShape,
};

export type ConnectorConfig = ConfigValues<typeof connectorConfigShape> & {
  /** True when Marketplacer is not configured and the bundled simulator stands in for it. */
  readonly demoMode: boolean;
};

export function loadConnectorConfig(source: NodeJS.ProcessEnv = process.env): ConnectorConfig {
  const values = loadConfig(connectorConfigShape, source);
  const config = Object.freeze({ ...values, demoMode: values.marketplacerApiUrl === undefined });
  // Rules that span several variables, checked now so a bad combination stops start-up with one line.
  resolveMarketplacerConnection(config);
  resolveAnymarketSettings(config);
  requireEncryptionKeyOutsideDemo(config);
  return config;
}
