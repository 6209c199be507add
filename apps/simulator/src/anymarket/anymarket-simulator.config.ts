import { ConfigError, env, type ConfigValues } from '#common';
import { DEMO_ANYMARKET_APP_ID } from '#anymarket';

export const DEMO_ANYMARKET_SELLER_TOKEN = 'demo-anymarket-token';

/** Variables of the simulated ANYMARKET marketplace API (spread into the simulator's config shape). */
export const anymarketSimulatorConfigShape = {
  simulatorAnymarketAppId: env.string({
    name: 'SIMULATOR_ANYMARKET_APP_ID',
    description: 'The `appId` the simulated ANYMARKET accepts (other appIds get 401)',
    default: DEMO_ANYMARKET_APP_ID,
  }),
  simulatorAnymarketToken: env.string({
    name: 'SIMULATOR_ANYMARKET_TOKEN',
    description: 'Seller `token` the simulated ANYMARKET knows from the start (more via `POST /_control/anymarket/tokens`)',
    default: DEMO_ANYMARKET_SELLER_TOKEN,
  }),
  simulatorAnymarketTransmissions: env.integer({
    name: 'SIMULATOR_ANYMARKET_TRANSMISSIONS',
    description: 'Generated transmissions (`/skumarketplace`) seeded besides the two from the spec, ids 70001 on',
    default: 20,
    min: 0,
    max: 100_000,
  }),
  simulatorAnymarketRateLimitPerSecond: env.integer({
    name: 'SIMULATOR_ANYMARKET_RATE_LIMIT_PER_SECOND',
    description: 'Requests per second and per token the simulated ANYMARKET serves before answering 429',
    default: 10,
    min: 1,
    max: 100_000,
  }),
};

export type AnymarketSimulatorSettings = ConfigValues<typeof anymarketSimulatorConfigShape>;

export const ANYMARKET_SIMULATOR_SETTINGS = Symbol('AnymarketSimulatorSettings');

/**
 * The settings from the simulator's config when its shape spreads ours; any variable it lacks is
 * parsed from the environment here (same validation), so the module works either way.
 */
export function resolveAnymarketSimulatorSettings(config: object, source: NodeJS.ProcessEnv = process.env): AnymarketSimulatorSettings {
  const known = config as Partial<Record<keyof AnymarketSimulatorSettings, unknown>>;
  const settings: Record<string, unknown> = {};
  for (const [key, variable] of Object.entries(anymarketSimulatorConfigShape)) {
    settings[key] = known[key as keyof AnymarketSimulatorSettings] ?? loadOne(variable, source);
  }
  return Object.freeze(settings) as AnymarketSimulatorSettings;
}

function loadOne(variable: { name: string; parse(raw: string | undefined): unknown }, source: NodeJS.ProcessEnv): unknown {
  try {
    return variable.parse(source[variable.name]);
  } catch (error) {
    throw new ConfigError(variable.name, error instanceof Error ? error.message : String(error));
  }
}
