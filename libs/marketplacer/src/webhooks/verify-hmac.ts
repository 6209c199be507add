import { createHmac, timingSafeEqual } from 'node:crypto';

/** The header Marketplacer signs operator webhooks with (when an HMAC key is configured). */
export const MARKETPLACER_HMAC_HEADER = 'marketplacer-hmac-256';

/**
 * True when `headerValue` is base64(HMAC-SHA256(key = UTF-8 secret, message = the raw body bytes)),
 * compared in constant time. The body must be the bytes as received, never re-serialised JSON.
 */
export function verifyMarketplacerHmac(rawBody: Buffer, headerValue: string | undefined, secret: string): boolean {
  if (!headerValue || !secret) return false;
  const expected = Buffer.from(createHmac('sha256', Buffer.from(secret, 'utf8')).update(rawBody).digest('base64'), 'utf8');
  const given = Buffer.from(headerValue.trim(), 'utf8');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
