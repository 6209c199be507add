import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ConfigError, loadConfig } from '#common';
import { anymarketConfigShape, resolveAnymarketSettings, type AnymarketSettings } from './anymarket.config.js';
import { DEVELOPMENT_ONLY_PUBLIC_KEY_PEM } from './token/dev-keys/development-only-keys.js';
import { thrownBy } from '#common/testing';

const PUBLISHED_B64 = readFileSync(resolve(process.cwd(), '../shared/anymarket/auth/anymarket-remote-jwt-public-key.b64.txt'), 'utf8');

function settings(env: Record<string, string>, demoMode: boolean): AnymarketSettings {
  return resolveAnymarketSettings({ ...loadConfig(anymarketConfigShape, env), demoMode, simulatorUrl: 'http://sim.local:3001/' });
}

describe('ANYMARKET settings', () => {
  it('in demo mode defaults to the simulator, the demo appId and the development key', () => {
    const demo = settings({}, true);
    expect(demo).toMatchObject({
      appId: 'demo-app-id',
      apiUrl: 'http://sim.local:3001/anymarket/marketplace/api',
      sandboxApiUrl: 'http://sim.local:3001/anymarket/marketplace/api',
      publicKeySource: 'development',
      clockToleranceSeconds: 30,
      rateLimitPerSecond: 10,
      maxAttempts: 4,
      retryBaseMs: 500,
      timeoutMs: 20000,
    });
    expect(demo.publicKey.export({ type: 'spki', format: 'pem' })).toBe(DEVELOPMENT_ONLY_PUBLIC_KEY_PEM);
  });

  it("outside demo mode defaults to ANYMARKET's URLs and published key", () => {
    const real = settings({ ANYMARKET_APP_ID: 'mkp-42' }, false);
    expect(real).toMatchObject({
      appId: 'mkp-42',
      apiUrl: 'https://api.anymarket.com.br/marketplace/api',
      sandboxApiUrl: 'http://sandbox-api.anymarket.com.br/marketplace/api',
      publicKeySource: 'anymarket-published',
    });
    expect(real.publicKey.export({ type: 'spki', format: 'der' }).toString('base64')).toBe(PUBLISHED_B64.trim());
  });

  it('requires ANYMARKET_APP_ID outside demo mode, in one line naming it', () => {
    const error = thrownBy(ConfigError, () => settings({}, false));
    expect(error.variable).toBe('ANYMARKET_APP_ID');
    expect(error.message).toMatch(/^Invalid configuration: ANYMARKET_APP_ID is required outside demo mode/);
    expect(error.message).not.toContain('\n');
  });

  it('takes configured values over the demo defaults', () => {
    const configured = settings(
      {
        ANYMARKET_APP_ID: 'mkp',
        ANYMARKET_API_URL: 'https://any.example/api/',
        ANYMARKET_SANDBOX_API_URL: 'https://sandbox.any.example/api',
        ANYMARKET_PUBLIC_KEY: PUBLISHED_B64,
        ANYMARKET_TOKEN_CLOCK_TOLERANCE_SECONDS: '5',
        ANYMARKET_RATE_LIMIT_PER_SECOND: '3',
      },
      true,
    );
    expect(configured).toMatchObject({
      appId: 'mkp',
      apiUrl: 'https://any.example/api',
      sandboxApiUrl: 'https://sandbox.any.example/api',
      publicKeySource: 'configured',
      clockToleranceSeconds: 5,
      rateLimitPerSecond: 3,
    });
  });

  it('accepts the key as base64 SPKI with stray whitespace, as older copies of the docs print it', () => {
    const spaced = PUBLISHED_B64.trim().replace(/(.{40})/g, '$1 \n');
    expect(settings({ ANYMARKET_APP_ID: 'mkp', ANYMARKET_PUBLIC_KEY: spaced }, false).publicKey.asymmetricKeyDetails?.modulusLength).toBe(1024);
  });

  it.each([
    [{ ANYMARKET_PUBLIC_KEY: 'not a key' }, 'ANYMARKET_PUBLIC_KEY', 'must be an RSA public key'],
    [{ ANYMARKET_PUBLIC_KEY: '-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----' }, 'ANYMARKET_PUBLIC_KEY', 'must be an RSA public key'],
    [{ ANYMARKET_API_URL: 'ftp://x' }, 'ANYMARKET_API_URL', 'must be an http(s) URL'],
    [{ ANYMARKET_RATE_LIMIT_PER_SECOND: '0' }, 'ANYMARKET_RATE_LIMIT_PER_SECOND', 'must be from 1'],
    [{ ANYMARKET_MAX_ATTEMPTS: 'many' }, 'ANYMARKET_MAX_ATTEMPTS', 'must be a whole number'],
  ])('refuses %j naming %s', (env, variable, reason) => {
    const error = thrownBy(ConfigError, () => loadConfig(anymarketConfigShape, env));
    expect(error.variable).toBe(variable);
    expect(error.message).toContain(reason);
  });
});
