import { DEMO_MARKETPLACER_API_KEY, type MarketplacerConnection } from '../marketplacer-connection.js';

/** A connection to `endpoint` with test-friendly settings (override what the test is about). */
export function testConnection(endpoint: string, overrides: Partial<MarketplacerConnection> = {}): MarketplacerConnection {
  return {
    endpoint,
    apiKey: DEMO_MARKETPLACER_API_KEY,
    authHeader: 'bearer',
    demoMode: false,
    timeoutMs: 5_000,
    maxAttempts: 5,
    retryBaseMs: 10,
    rateLimitDefaultWaitMs: 1_000,
    rateLimit: 1_000,
    rateWindowMs: 10_000,
    rateMaxWaitMs: 600_000,
    breakerFailures: 50,
    breakerCooldownMs: 30_000,
    ...overrides,
  };
}
