import { generateKeyPairSync } from 'node:crypto';
import jwt from 'jsonwebtoken';
import type { ProviderOverride } from '../connector-test-app.js';

export interface AnymarketTestAuth {
  /** Environment that makes the connector's real x-anymarket-token verifier trust this run's key. */
  env: Record<string, string>;
  /** Provider overrides for startConnectorTestApp (none: the real verifier is used). */
  overrides: ProviderOverride[];
  /** A token as ANYMARKET would send it, for organisation `oi` (verbatim, e.g. "22449504."). */
  tokenFor(oi: string, options?: { expiresInSeconds?: number; organization?: string }): string;
  /** A token signed by a key the connector does not trust. */
  forgedTokenFor(oi: string): string;
}

const rsaPair = () =>
  generateKeyPairSync('rsa', { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } });

/** A key pair made for this test run; the connector trusts its public half through ANYMARKET_PUBLIC_KEY. */
export function anymarketTestAuth(): AnymarketTestAuth {
  const keys = rsaPair();
  const stranger = rsaPair();
  const sign = (privateKey: string, oi: string, expiresInSeconds = 300, organization = 'Test organisation') =>
    jwt.sign({ oi, organization, login: 'tester@example.com' }, privateKey, { algorithm: 'RS256', expiresIn: expiresInSeconds });
  return {
    env: { ANYMARKET_PUBLIC_KEY: keys.publicKey },
    overrides: [],
    tokenFor: (oi, options = {}) => sign(keys.privateKey, oi, options.expiresInSeconds, options.organization),
    forgedTokenFor: (oi) => sign(stranger.privateKey, oi),
  };
}
