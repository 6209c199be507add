import type { MarketplacerConnection } from '../marketplacer-connection.js';

/**
 * The credentials of every request. Instances behind HTTP Basic auth (sandboxes, staging) take
 * `Authorization: Basic …` plus the key in `MARKETPLACER-API-KEY`; otherwise the key goes where
 * MARKETPLACER_AUTH_HEADER says.
 */
export function authHeaders(connection: Pick<MarketplacerConnection, 'apiKey' | 'authHeader' | 'basicAuth'>): Record<string, string> {
  const { apiKey, authHeader, basicAuth } = connection;
  if (basicAuth) {
    const basic = Buffer.from(`${basicAuth.user}:${basicAuth.password}`, 'utf8').toString('base64');
    return { Authorization: `Basic ${basic}`, 'MARKETPLACER-API-KEY': apiKey };
  }
  return authHeader === 'api-key' ? { 'MARKETPLACER-API-KEY': apiKey } : { Authorization: `Bearer ${apiKey}` };
}
