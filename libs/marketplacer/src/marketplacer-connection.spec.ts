import { ConfigError, loadConfig } from '#common';
import { marketplacerConfigShape } from './marketplacer.config.js';
import { DEMO_MARKETPLACER_API_KEY, resolveMarketplacerConnection } from './marketplacer-connection.js';
import { thrownBy } from '#common/testing';

const SIMULATOR_URL = 'http://127.0.0.1:3001';

function connectionFor(source: Record<string, string>) {
  return resolveMarketplacerConnection({ ...loadConfig(marketplacerConfigShape, source), simulatorUrl: SIMULATOR_URL });
}

describe('Marketplacer configuration', () => {
  it('applies the documented defaults', () => {
    expect(loadConfig(marketplacerConfigShape, {})).toEqual({
      marketplacerApiUrl: undefined,
      marketplacerApiKey: undefined,
      marketplacerAuthHeader: 'bearer',
      marketplacerBasicAuthUser: undefined,
      marketplacerBasicAuthPassword: undefined,
      marketplacerTimeoutMs: 30000,
      marketplacerMaxAttempts: 5,
      marketplacerRetryBaseMs: 500,
      marketplacerRateLimitDefaultWaitMs: 60000,
      marketplacerRateLimit: 750,
      marketplacerRateWindowMs: 10000,
      marketplacerRateMaxWaitMs: 120000,
      marketplacerBreakerFailures: 5,
      marketplacerBreakerCooldownMs: 30000,
    });
  });

  it('parses valid values', () => {
    const config = loadConfig(marketplacerConfigShape, {
      MARKETPLACER_AUTH_HEADER: 'api-key',
      MARKETPLACER_TIMEOUT_MS: '5000',
      MARKETPLACER_MAX_ATTEMPTS: '3',
      MARKETPLACER_RATE_LIMIT: '600',
    });
    expect(config).toMatchObject({ marketplacerAuthHeader: 'api-key', marketplacerTimeoutMs: 5000, marketplacerMaxAttempts: 3, marketplacerRateLimit: 600 });
  });

  it.each([
    [{ MARKETPLACER_AUTH_HEADER: 'basic' }, 'MARKETPLACER_AUTH_HEADER'],
    [{ MARKETPLACER_TIMEOUT_MS: 'soon' }, 'MARKETPLACER_TIMEOUT_MS'],
    [{ MARKETPLACER_MAX_ATTEMPTS: '0' }, 'MARKETPLACER_MAX_ATTEMPTS'],
    [{ MARKETPLACER_RETRY_BASE_MS: '-1' }, 'MARKETPLACER_RETRY_BASE_MS'],
    [{ MARKETPLACER_RATE_LIMIT_DEFAULT_WAIT_MS: '1.5' }, 'MARKETPLACER_RATE_LIMIT_DEFAULT_WAIT_MS'],
    [{ MARKETPLACER_RATE_LIMIT: '0' }, 'MARKETPLACER_RATE_LIMIT'],
    [{ MARKETPLACER_RATE_WINDOW_MS: 'x' }, 'MARKETPLACER_RATE_WINDOW_MS'],
    [{ MARKETPLACER_API_URL: 'not a url' }, 'MARKETPLACER_API_URL'],
  ])('rejects %j naming %s', (source, variable) => {
    const error = thrownBy(ConfigError, () => loadConfig(marketplacerConfigShape, source));
    expect(error.variable).toBe(variable);
    expect(error.message).not.toContain('\n');
  });
});

describe('resolveMarketplacerConnection', () => {
  it('uses the simulator and its key in demo mode (no MARKETPLACER_API_URL)', () => {
    const connection = connectionFor({ MARKETPLACER_API_KEY: 'ignored-in-demo' });
    expect(connection).toMatchObject({ endpoint: `${SIMULATOR_URL}/graphql`, apiKey: DEMO_MARKETPLACER_API_KEY, demoMode: true, authHeader: 'bearer' });
  });

  it('uses the configured instance, key and tuning', () => {
    const connection = connectionFor({
      MARKETPLACER_API_URL: 'https://mp.example.com/graphql',
      MARKETPLACER_API_KEY: 'real-key',
      MARKETPLACER_AUTH_HEADER: 'api-key',
      MARKETPLACER_MAX_ATTEMPTS: '2',
    });
    expect(connection).toEqual({
      endpoint: 'https://mp.example.com/graphql',
      apiKey: 'real-key',
      authHeader: 'api-key',
      demoMode: false,
      timeoutMs: 30000,
      maxAttempts: 2,
      retryBaseMs: 500,
      rateLimitDefaultWaitMs: 60000,
      rateLimit: 750,
      rateWindowMs: 10000,
      rateMaxWaitMs: 120000,
      breakerFailures: 5,
      breakerCooldownMs: 30000,
    });
  });

  it('fails with one line naming MARKETPLACER_API_KEY when the URL is set without a key', () => {
    const error = thrownBy(ConfigError, () => connectionFor({ MARKETPLACER_API_URL: 'https://mp.example.com/graphql' }));
    expect(error.variable).toBe('MARKETPLACER_API_KEY');
    expect(error.message).toBe('Invalid configuration: MARKETPLACER_API_KEY must be set when MARKETPLACER_API_URL is set');
  });

  it('takes Basic auth credentials as a pair', () => {
    const base = { MARKETPLACER_API_URL: 'https://sandbox.example.com/graphql', MARKETPLACER_API_KEY: 'k' };
    expect(connectionFor({ ...base, MARKETPLACER_BASIC_AUTH_USER: 'u', MARKETPLACER_BASIC_AUTH_PASSWORD: 'p' }).basicAuth).toEqual({
      user: 'u',
      password: 'p',
    });
    expect(thrownBy(ConfigError, () => connectionFor({ ...base, MARKETPLACER_BASIC_AUTH_USER: 'u' })).variable).toBe('MARKETPLACER_BASIC_AUTH_PASSWORD');
    expect(thrownBy(ConfigError, () => connectionFor({ ...base, MARKETPLACER_BASIC_AUTH_PASSWORD: 'p' })).variable).toBe('MARKETPLACER_BASIC_AUTH_USER');
  });
});
