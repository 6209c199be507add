import { MAX_OI_LENGTH, type AnymarketIdentity } from './anymarket-identity.js';
import { AnymarketTokenRejection } from './anymarket-token-rejection.js';

/** The header ANYMARKET sends its signed JWT in, on every remote call. */
export const ANYMARKET_TOKEN_HEADER = 'x-anymarket-token';

/**
 * The caller's identity from a token's verified claims. jsonwebtoken accepts tokens without `exp`, so
 * this requires it, and requires `oi` (kept verbatim: it ends in a dot) short enough to store and free
 * of control characters; optional claims are kept only when they are strings.
 */
export function identityFromClaims(payload: Record<string, unknown>): AnymarketIdentity {
  if (typeof payload.exp !== 'number') throw new AnymarketTokenRejection('missing exp');
  if (typeof payload.oi !== 'string' || payload.oi.length === 0) throw new AnymarketTokenRejection('missing oi');
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  if (payload.oi.length > MAX_OI_LENGTH || /[\u0000-\u001f\u007f]/.test(payload.oi)) {
    throw new AnymarketTokenRejection('unusable oi', `longer than ${MAX_OI_LENGTH} characters or with control characters`);
  }
  return {
    oi: payload.oi,
    ...optionalString('organization', payload.organization),
    ...optionalString('login', payload.login),
    ...optionalString('ip', payload.ip),
  };
}

function optionalString<K extends string>(key: K, value: unknown): Partial<Record<K, string>> {
  return typeof value === 'string' ? ({ [key]: value } as Record<K, string>) : {};
}
