import { env, type ConfigValues, type EnvVariable } from '#common';
import { DEMO_MARKETPLACER_API_KEY } from '#marketplacer';
import { readContractSdl } from './graphql/contract-sdl.js';
import { checkSchemaDrop, SchemaDropError, splitSchemaDrop } from './graphql/schema-drop.js';

/**
 * The API key the simulated Marketplacer accepts unless SIMULATOR_MARKETPLACER_API_KEY says otherwise:
 * the connector's own demo-mode key (one constant), so an empty environment works end to end.
 */
export { DEMO_MARKETPLACER_API_KEY };

/** `Type.field` entries checked against the contract schema at boot (the SDL is read only when the variable is set). */
const schemaDrop: EnvVariable<readonly string[]> = {
  name: 'SIMULATOR_MARKETPLACER_SCHEMA_DROP',
  description:
    'Comma-separated `Type.field` entries (e.g. `LineItem.totalCents,Advert.vetted`), fields of object or input types of the contract schema that the simulated Marketplacer leaves out of the schema it serves: introspection does not list them and queries selecting them fail validation (can be changed at run time: `PUT /_control/marketplacer/schema`)',
  defaultLabel: 'unset (the whole contract schema)',
  parse(raw) {
    const entries = splitSchemaDrop(raw ?? '');
    if (entries.length === 0) return [];
    try {
      checkSchemaDrop(readContractSdl(), entries);
    } catch (error) {
      if (error instanceof SchemaDropError) throw new Error(`must list fields of the contract schema's object and input types; ${error.message}`);
      throw error;
    }
    return entries;
  },
};

/** Variables of the simulated Marketplacer Operator API (spread into the simulator's config shape). */
export const marketplacerSimulatorConfigShape = {
  marketplacerApiKey: env.string({
    name: 'SIMULATOR_MARKETPLACER_API_KEY',
    description: 'API key the simulated Marketplacer accepts (`Authorization: Bearer` or `MARKETPLACER-API-KEY`)',
    default: DEMO_MARKETPLACER_API_KEY,
  }),
  marketplacerRateLimit: env.integer({
    name: 'SIMULATOR_MARKETPLACER_RATE_LIMIT',
    description: "Requests per API key per window before the simulated Marketplacer answers 429 (Marketplacer's published limit)",
    default: 750,
    min: 1,
    max: 1_000_000,
  }),
  marketplacerRateWindowMs: env.integer({
    name: 'SIMULATOR_MARKETPLACER_RATE_WINDOW_MS',
    description: 'Length of the sliding rate-limit window, in milliseconds',
    default: 10_000,
    min: 1,
    max: 3_600_000,
  }),
  marketplacerSchemaDrop: schemaDrop,
  seedSellers: env.integer({
    name: 'SIMULATOR_SEED_SELLERS',
    description: 'Sellers in the simulated Marketplacer seed (at least 3: one is PROSPECTIVE, one offline; one deleted seller is added)',
    default: 5,
    min: 3,
    max: 10_000,
  }),
  seedAdverts: env.integer({
    name: 'SIMULATOR_SEED_ADVERTS',
    description: 'Adverts in the simulated Marketplacer seed (1 to 3 variants each)',
    default: 200,
    min: 0,
    max: 1_000_000,
  }),
  seedInvoices: env.integer({
    name: 'SIMULATOR_SEED_INVOICES',
    description: 'Invoices in the simulated Marketplacer seed (with line items, shipments, refund requests and remittances)',
    default: 20,
    min: 0,
    max: 100_000,
  }),
  webhookUrl: env.optionalUrl({
    name: 'SIMULATOR_WEBHOOK_URL',
    description:
      'Where the simulated Marketplacer POSTs its webhooks: registered there as one webhook per type it fires, with its webhook queries; unset = only the webhooks made through webhookCreate (can be changed at run time)',
  }),
  webhookHmacKey: env.optionalString({
    name: 'SIMULATOR_WEBHOOK_HMAC_KEY',
    description:
      'HMAC key of the simulated webhooks (one made through webhookCreate with its own hmacKey uses that): adds `Marketplacer-Hmac-256`; unset = unsigned',
  }),
  webhookVertical: env.string({
    name: 'SIMULATOR_VERTICAL',
    description: 'Instance name the simulated webhooks carry in `Marketplacer-Vertical` and `Idempotency-Key`',
    default: 'simulator',
  }),
  webhookMaxRetries: env.integer({
    name: 'SIMULATOR_WEBHOOK_MAX_RETRIES',
    description:
      'Retries of a delivery of the webhooks of SIMULATOR_WEBHOOK_URL after a 5xx, 429 or network error (their maxRetries; webhookCreate: 0 to 50, default 25)',
    default: 5,
    min: 0,
    max: 50,
  }),
  webhookRetryBaseMs: env.integer({
    name: 'SIMULATOR_WEBHOOK_RETRY_BASE_MS',
    description: 'First retry delay of a simulated webhook, doubled per attempt up to 60 s (Marketplacer: at least 1 minute)',
    default: 1_000,
    min: 1,
    max: 3_600_000,
  }),
};

export type MarketplacerSimulatorConfig = ConfigValues<typeof marketplacerSimulatorConfigShape>;
