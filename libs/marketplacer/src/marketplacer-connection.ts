import { ConfigError, type ConfigValues } from '#common';
import type { marketplacerConfigShape } from './marketplacer.config.js';

/** The key the bundled simulator accepts; only ever used in demo mode (MARKETPLACER_API_URL unset). */
export const DEMO_MARKETPLACER_API_KEY = 'demo-marketplacer-api-key';

export type MarketplacerAuthHeader = 'bearer' | 'api-key';

/** The slice of the app config this library reads (the connector's config satisfies it). */
export type MarketplacerConfig = ConfigValues<typeof marketplacerConfigShape> & {
  readonly simulatorUrl: string;
};

/** Everything the client needs to reach one Marketplacer instance. Holds the API key: never log it. */
export interface MarketplacerConnection {
  readonly endpoint: string;
  readonly apiKey: string;
  readonly authHeader: MarketplacerAuthHeader;
  readonly basicAuth?: { readonly user: string; readonly password: string };
  readonly demoMode: boolean;
  readonly timeoutMs: number;
  readonly maxAttempts: number;
  readonly retryBaseMs: number;
  readonly rateLimitDefaultWaitMs: number;
  readonly rateLimit: number;
  readonly rateWindowMs: number;
  /** Longest a request waits for a slot of the API key's budget before failing with MARKETPLACER_RATE_LIMITED. */
  readonly rateMaxWaitMs: number;
  /** Failed attempts in a row (5xx, timeouts, no connection) that open the circuit. */
  readonly breakerFailures: number;
  /** How long the open circuit fails calls fast before one probe is let through. */
  readonly breakerCooldownMs: number;
}

/**
 * Turns the validated variables into a connection, checking the rules that span several variables.
 * Call it right after loadConfig so that a missing key stops start-up with one line (a ConfigError).
 */
export function resolveMarketplacerConnection(config: MarketplacerConfig): MarketplacerConnection {
  const tuning = {
    authHeader: config.marketplacerAuthHeader,
    timeoutMs: config.marketplacerTimeoutMs,
    maxAttempts: config.marketplacerMaxAttempts,
    retryBaseMs: config.marketplacerRetryBaseMs,
    rateLimitDefaultWaitMs: config.marketplacerRateLimitDefaultWaitMs,
    rateLimit: config.marketplacerRateLimit,
    rateWindowMs: config.marketplacerRateWindowMs,
    rateMaxWaitMs: config.marketplacerRateMaxWaitMs,
    breakerFailures: config.marketplacerBreakerFailures,
    breakerCooldownMs: config.marketplacerBreakerCooldownMs,
  };
  if (config.marketplacerApiUrl === undefined) {
    return { ...tuning, endpoint: `${config.simulatorUrl.replace(/\/+$/, '')}/graphql`, apiKey: DEMO_MARKETPLACER_API_KEY, demoMode: true };
  }
  if (config.marketplacerApiKey === undefined) {
    throw new ConfigError('MARKETPLACER_API_KEY', 'must be set when MARKETPLACER_API_URL is set');
  }
  return {
    ...tuning,
    endpoint: config.marketplacerApiUrl,
    apiKey: config.marketplacerApiKey,
    demoMode: false,
    ...basicAuthOf(config),
  };
}

function basicAuthOf(config: MarketplacerConfig): Pick<MarketplacerConnection, 'basicAuth'> {
  const user = config.marketplacerBasicAuthUser;
  const password = config.marketplacerBasicAuthPassword;
  if (user === undefined && password === undefined) return {};
  if (user === undefined) throw new ConfigError('MARKETPLACER_BASIC_AUTH_USER', 'must be set when MARKETPLACER_BASIC_AUTH_PASSWORD is set');
  if (password === undefined) throw new ConfigError('MARKETPLACER_BASIC_AUTH_PASSWORD', 'must be set when MARKETPLACER_BASIC_AUTH_USER is set');
  if (user.includes(':')) throw new ConfigError('MARKETPLACER_BASIC_AUTH_USER', 'must not contain ":"');
  return { basicAuth: { user, password } };
}
