import type { KeyObject } from 'node:crypto';
import { ConfigError, env, type ConfigValues, type EnvVariable } from '#common';
import { ANYMARKET_PUBLISHED_PUBLIC_KEY } from './token/anymarket-published-key.js';
import { DEVELOPMENT_ONLY_PUBLIC_KEY_PEM } from './token/dev-keys/development-only-keys.js';
import { parseRsaPublicKey } from './token/rsa-public-key.js';

export const ANYMARKET_PRODUCTION_API_URL = 'https://api.anymarket.com.br/marketplace/api';
export const ANYMARKET_SANDBOX_API_URL = 'http://sandbox-api.anymarket.com.br/marketplace/api';
/** Where the bundled simulator serves ANYMARKET's marketplace API (below SIMULATOR_URL). */
export const SIMULATED_ANYMARKET_API_PATH = '/anymarket/marketplace/api';
export const DEMO_ANYMARKET_APP_ID = 'demo-app-id';

const DEMO_API_LABEL = '(demo mode: `SIMULATOR_URL`/anymarket/marketplace/api)';

/** ANYMARKET_PUBLIC_KEY: checked at load (one clear line when unusable); unset = depends on demo mode. */
const publicKeyVariable: EnvVariable<string | undefined> = {
  name: 'ANYMARKET_PUBLIC_KEY',
  description: 'Public key that x-anymarket-token signatures are checked with (PEM, or bare base64 SPKI as ANYMARKET publishes it)',
  defaultLabel: "ANYMARKET's published RSA-1024 key (demo mode: the development key in `libs/anymarket/src/token/dev-keys`)",
  parse(raw) {
    const value = raw?.trim();
    if (!value) return undefined;
    parseRsaPublicKey(value);
    return value;
  },
};

/** Variables of the ANYMARKET side: x-anymarket-token verification and the marketplace-API client. */
export const anymarketConfigShape = {
  anymarketPublicKey: publicKeyVariable,
  anymarketTokenClockToleranceSeconds: env.integer({
    name: 'ANYMARKET_TOKEN_CLOCK_TOLERANCE_SECONDS',
    description: "Seconds of clock skew allowed when checking an x-anymarket-token's `exp`",
    default: 30,
    min: 0,
    max: 600,
  }),
  anymarketAppId: env.optionalString({
    name: 'ANYMARKET_APP_ID',
    description: "The marketplace's `appId` issued by ANYMARKET, sent on every marketplace-API call",
    defaultLabel: 'required (demo mode: `demo-app-id`)',
  }),
  anymarketApiUrl: env.optionalUrl({
    name: 'ANYMARKET_API_URL',
    description: "ANYMARKET's marketplace API for accounts in production",
    defaultLabel: `\`${ANYMARKET_PRODUCTION_API_URL}\` ${DEMO_API_LABEL}`,
  }),
  anymarketSandboxApiUrl: env.optionalUrl({
    name: 'ANYMARKET_SANDBOX_API_URL',
    description: "ANYMARKET's marketplace API for accounts activated with `useSandbox: true`",
    defaultLabel: `\`${ANYMARKET_SANDBOX_API_URL}\` ${DEMO_API_LABEL}`,
  }),
  anymarketRateLimitPerSecond: env.integer({
    name: 'ANYMARKET_RATE_LIMIT_PER_SECOND',
    description:
      'Most marketplace-API requests per sliding second and per seller token, counted once for every replica (ANYMARKET allows 10; on Postgres the replicas share one budget); extra requests wait',
    default: 10,
    min: 1,
    max: 1000,
  }),
  anymarketMaxAttempts: env.integer({
    name: 'ANYMARKET_MAX_ATTEMPTS',
    description: 'Attempts per marketplace-API call, first one included, on 429, 5xx, network errors and timeouts',
    default: 4,
    min: 1,
    max: 10,
  }),
  anymarketRetryBaseMs: env.integer({
    name: 'ANYMARKET_RETRY_BASE_MS',
    description: 'First retry delay in ms, doubled per attempt, with jitter (a `Retry-After` answer takes precedence)',
    default: 500,
    min: 1,
    max: 60_000,
  }),
  anymarketTimeoutMs: env.integer({
    name: 'ANYMARKET_TIMEOUT_MS',
    description: 'Timeout of one marketplace-API request attempt, in ms',
    default: 20_000,
    min: 100,
    max: 300_000,
  }),
  anymarketRateMaxWaitMs: env.integer({
    name: 'ANYMARKET_RATE_MAX_WAIT_MS',
    description: "Longest a request waits for a slot of the seller token's budget before failing with ANYMARKET_RATE_LIMITED, in ms",
    default: 60_000,
    min: 0,
    max: 3_600_000,
  }),
  anymarketBreakerFailures: env.integer({
    name: 'ANYMARKET_BREAKER_FAILURES',
    description: 'Failed attempts in a row (5xx, timeouts, no connection) after which calls fail fast with ANYMARKET_UNAVAILABLE (circuit open)',
    default: 5,
    min: 1,
    max: 1000,
  }),
  anymarketBreakerCooldownMs: env.integer({
    name: 'ANYMARKET_BREAKER_COOLDOWN_MS',
    description: 'How long an open circuit fails calls fast before one probe request is let through, in ms',
    default: 30_000,
    min: 100,
    max: 3_600_000,
  }),
};

/** The slice of the app's configuration the ANYMARKET library reads (the connector's config has it all). */
export type AnymarketConfig = ConfigValues<typeof anymarketConfigShape> & {
  readonly demoMode: boolean;
  readonly simulatorUrl: string;
};

export type AnymarketPublicKeySource = 'configured' | 'anymarket-published' | 'development';

/** The configuration with demo-mode defaults applied and the key parsed (once). */
export interface AnymarketSettings {
  readonly publicKey: KeyObject;
  readonly publicKeySource: AnymarketPublicKeySource;
  readonly clockToleranceSeconds: number;
  readonly appId: string;
  readonly apiUrl: string;
  readonly sandboxApiUrl: string;
  readonly rateLimitPerSecond: number;
  readonly maxAttempts: number;
  readonly retryBaseMs: number;
  readonly timeoutMs: number;
  readonly rateMaxWaitMs: number;
  readonly breakerFailures: number;
  readonly breakerCooldownMs: number;
}

/** DI token of the resolved `AnymarketSettings`. */
export const ANYMARKET_SETTINGS = Symbol('AnymarketSettings');

/**
 * Applies the demo-mode defaults (simulator URLs, demo appId, the development public key) and throws a
 * `ConfigError` naming the variable when something required is missing. The development key is never
 * trusted outside demo mode unless ANYMARKET_PUBLIC_KEY is set to it.
 */
export function resolveAnymarketSettings(config: AnymarketConfig): AnymarketSettings {
  const simulatedApi = `${config.simulatorUrl.replace(/\/+$/, '')}${SIMULATED_ANYMARKET_API_PATH}`;
  const appId = config.anymarketAppId ?? (config.demoMode ? DEMO_ANYMARKET_APP_ID : undefined);
  if (appId === undefined) throw new ConfigError('ANYMARKET_APP_ID', 'is required outside demo mode (the appId ANYMARKET issued to the marketplace)');
  const [publicKeyText, publicKeySource]: [string, AnymarketPublicKeySource] = config.anymarketPublicKey
    ? [config.anymarketPublicKey, 'configured']
    : config.demoMode
      ? [DEVELOPMENT_ONLY_PUBLIC_KEY_PEM, 'development']
      : [ANYMARKET_PUBLISHED_PUBLIC_KEY, 'anymarket-published'];
  let publicKey: KeyObject;
  try {
    publicKey = parseRsaPublicKey(publicKeyText);
  } catch (error) {
    throw new ConfigError('ANYMARKET_PUBLIC_KEY', error instanceof Error ? error.message : String(error));
  }
  return Object.freeze({
    publicKey,
    publicKeySource,
    clockToleranceSeconds: config.anymarketTokenClockToleranceSeconds,
    appId,
    apiUrl: config.anymarketApiUrl ?? (config.demoMode ? simulatedApi : ANYMARKET_PRODUCTION_API_URL),
    sandboxApiUrl: config.anymarketSandboxApiUrl ?? (config.demoMode ? simulatedApi : ANYMARKET_SANDBOX_API_URL),
    rateLimitPerSecond: config.anymarketRateLimitPerSecond,
    maxAttempts: config.anymarketMaxAttempts,
    retryBaseMs: config.anymarketRetryBaseMs,
    timeoutMs: config.anymarketTimeoutMs,
    rateMaxWaitMs: config.anymarketRateMaxWaitMs,
    breakerFailures: config.anymarketBreakerFailures,
    breakerCooldownMs: config.anymarketBreakerCooldownMs,
  });
}
