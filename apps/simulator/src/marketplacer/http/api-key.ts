import { createHash, timingSafeEqual } from 'node:crypto';

type Headers = Record<string, string | string[] | undefined>;

function header(headers: Headers, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * The API key a request presents, the way Marketplacer reads it: `MARKETPLACER-API-KEY: <key>`, or
 * `Authorization: Bearer <key>`. Behind HTTP Basic auth the Authorization header carries the Basic
 * credentials, so the key can only come from MARKETPLACER-API-KEY. Node lower-cases header names.
 */
export function presentedApiKey(headers: Headers): string | undefined {
  const explicit = header(headers, 'marketplacer-api-key')?.trim();
  if (explicit) return explicit;
  return header(headers, 'authorization')?.match(/^Bearer\s+(\S+)\s*$/i)?.[1];
}

/** Constant-time comparison with the accepted key. */
export function apiKeyMatches(presented: string | undefined, accepted: string): boolean {
  if (presented === undefined) return false;
  const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();
  return timingSafeEqual(digest(presented), digest(accepted));
}
