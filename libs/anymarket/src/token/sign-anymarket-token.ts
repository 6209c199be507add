import type { KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { DEVELOPMENT_ONLY_PRIVATE_KEY_PEM } from './dev-keys/development-only-keys.js';

/** The claims ANYMARKET puts in x-anymarket-token (its published sample has exactly these). */
export interface AnymarketTokenClaims {
  oi: string;
  organization?: string;
  login?: string;
  ip?: string;
  /** Seconds since the epoch. */
  exp: number;
}

/** Claims of the published sample token, used when a caller does not say otherwise. */
export const DEMO_ANYMARKET_TOKEN_CLAIMS = {
  oi: '22449504.',
  organization: 'ANYMARKET Teste - Brasil',
  login: 'demo@anymarket.example',
  ip: '127.0.0.1',
} as const;

export const DEFAULT_TOKEN_LIFETIME_SECONDS = 300;

/**
 * Signs an x-anymarket-token as ANYMARKET would (RS256), by default with the development-only private
 * key and `exp` five minutes ahead: for demo mode, the remote caller and tests. Never for production.
 */
export function signAnymarketToken(claims: Partial<AnymarketTokenClaims> = {}, options: { privateKey?: string | KeyObject; nowSeconds?: number } = {}): string {
  const now = options.nowSeconds ?? Math.floor(Date.now() / 1000);
  const payload: AnymarketTokenClaims = { ...DEMO_ANYMARKET_TOKEN_CLAIMS, exp: now + DEFAULT_TOKEN_LIFETIME_SECONDS, ...claims };
  return jwt.sign(payload, options.privateKey ?? DEVELOPMENT_ONLY_PRIVATE_KEY_PEM, { algorithm: 'RS256', noTimestamp: true });
}
