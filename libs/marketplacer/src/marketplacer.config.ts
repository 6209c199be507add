import { env } from '#common';

/** Where and how the connector reaches Marketplacer's Operator API. Unset URL = demo mode (the bundled simulator). */
export const marketplacerConfigShape = {
  marketplacerApiUrl: env.optionalUrl({
    name: 'MARKETPLACER_API_URL',
    description: 'Marketplacer Operator API endpoint (https://<instance>/graphql); unset = demo mode against the bundled simulator',
    defaultLabel: 'unset (demo mode: `SIMULATOR_URL`/graphql)',
  }),
  marketplacerApiKey: env.optionalString({
    name: 'MARKETPLACER_API_KEY',
    description: 'Operator API key (portal: Configuration → API keys); required when MARKETPLACER_API_URL is set, ignored in demo mode',
    defaultLabel: 'unset (demo mode: the simulator key)',
  }),
  marketplacerWebhookHmacKeys: env.optionalString({
    name: 'MARKETPLACER_WEBHOOK_HMAC_KEYS',
    description:
      'HMAC keys of the operator webhooks (portal: Configuration → Webhooks → HMAC key), comma-separated: during a rotation both the old and the new key are accepted. Deliveries not signed with one of them are refused (401)',
    defaultLabel: 'unset (webhooks refused; demo mode: the simulator key)',
  }),
  marketplacerAuthHeader: env.oneOf({
    name: 'MARKETPLACER_AUTH_HEADER',
    description: 'How the API key is sent: `bearer` = Authorization: Bearer <key>, `api-key` = MARKETPLACER-API-KEY: <key>',
    default: 'bearer',
    values: ['bearer', 'api-key'] as const,
  }),
  marketplacerBasicAuthUser: env.optionalString({
    name: 'MARKETPLACER_BASIC_AUTH_USER',
    description: 'HTTP Basic user of instances behind Basic auth (sandboxes, staging); then the key goes in MARKETPLACER-API-KEY',
  }),
  marketplacerBasicAuthPassword: env.optionalString({
    name: 'MARKETPLACER_BASIC_AUTH_PASSWORD',
    description: 'HTTP Basic password, set together with MARKETPLACER_BASIC_AUTH_USER',
  }),
  marketplacerTimeoutMs: env.integer({
    name: 'MARKETPLACER_TIMEOUT_MS',
    description: 'Time limit of one Operator API request attempt, in milliseconds',
    default: 30_000,
    min: 100,
    max: 600_000,
  }),
  marketplacerMaxAttempts: env.integer({
    name: 'MARKETPLACER_MAX_ATTEMPTS',
    description: 'Attempts per Operator API request (first try included) on 429, 5xx, network errors and timeouts',
    default: 5,
    min: 1,
    max: 20,
  }),
  marketplacerRetryBaseMs: env.integer({
    name: 'MARKETPLACER_RETRY_BASE_MS',
    description: 'Base of the exponential backoff (full jitter) after 5xx, network errors and timeouts, in milliseconds',
    default: 500,
    min: 1,
    max: 60_000,
  }),
  marketplacerRateLimitDefaultWaitMs: env.integer({
    name: 'MARKETPLACER_RATE_LIMIT_DEFAULT_WAIT_MS',
    description: 'Wait after a 429 without Retry-After, doubled on each further one, in milliseconds (a 503 without it backs off like other 5xx)',
    default: 60_000,
    min: 0,
    max: 3_600_000,
  }),
  marketplacerRateLimit: env.integer({
    name: 'MARKETPLACER_RATE_LIMIT',
    description:
      'Most Operator API requests per sliding window per API key, counted once for every replica (Marketplacer allows 750 per 10 s; on Postgres the replicas share one budget); extra requests wait',
    default: 750,
    min: 1,
    max: 100_000,
  }),
  marketplacerRateWindowMs: env.integer({
    name: 'MARKETPLACER_RATE_WINDOW_MS',
    description: 'Length of the sliding window MARKETPLACER_RATE_LIMIT counts in, in milliseconds',
    default: 10_000,
    min: 1,
    max: 3_600_000,
  }),
  marketplacerRateMaxWaitMs: env.integer({
    name: 'MARKETPLACER_RATE_MAX_WAIT_MS',
    description: "Longest a request waits for a slot of the API key's budget before failing with MARKETPLACER_RATE_LIMITED, in milliseconds",
    default: 120_000,
    min: 0,
    max: 3_600_000,
  }),
  marketplacerBreakerFailures: env.integer({
    name: 'MARKETPLACER_BREAKER_FAILURES',
    description: 'Failed attempts in a row (5xx, timeouts, no connection) after which calls fail fast with MARKETPLACER_UNAVAILABLE (circuit open)',
    default: 5,
    min: 1,
    max: 1000,
  }),
  marketplacerBreakerCooldownMs: env.integer({
    name: 'MARKETPLACER_BREAKER_COOLDOWN_MS',
    description: 'How long an open circuit fails calls fast before one probe request is let through, in milliseconds',
    default: 30_000,
    min: 100,
    max: 3_600_000,
  }),
};
