/** The longest wait a `Retry-After` header may ask of us unless a caller sets its own bound. */
export const DEFAULT_MAX_RETRY_AFTER_MS = 300_000;

/**
 * Milliseconds to wait as a `Retry-After` header asks (RFC 9110): delta-seconds ("120") or an HTTP
 * date ("Wed, 21 Oct 2015 07:28:00 GMT"), never below 0 nor above `maxMs`, so a broken or hostile
 * answer cannot park a call for hours. Undefined when the header is absent or unreadable.
 */
export function parseRetryAfter(value: string | null | undefined, now: number, maxMs = DEFAULT_MAX_RETRY_AFTER_MS): number | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  let waitMs: number;
  if (/^\d+$/.test(text)) waitMs = Number(text) * 1000;
  else {
    // HTTP dates (all three RFC 9110 forms) start with the day name.
    if (!/^[A-Za-z]{3}/.test(text)) return undefined;
    const date = Date.parse(text);
    if (Number.isNaN(date)) return undefined;
    waitMs = date - now;
  }
  return Math.min(maxMs, Math.max(0, waitMs));
}
