import { isSecretField, REDACTED } from './redact.js';

/** The longest text kept in one logged value (a stack trace gets more); the rest is cut with a note. */
export const MAX_LOGGED_STRING = 1_000;
const MAX_LOGGED_STACK = 4_000;
const MAX_LOGGED_ITEMS = 20;
const MAX_LOGGED_FIELDS = 40;
const MAX_LOGGED_DEPTH = 6;

/**
 * A copy of a log line's fields that stays small whatever callers sent and carries no secret:
 * strings cut at MAX_LOGGED_STRING characters, arrays at 20 items, objects at 40 fields and 6 levels,
 * each cut saying how much was left out; a field named as a secret (SECRET_FIELDS, exact name, at any
 * depth) becomes REDACTED whatever its value. Errors become `{name, message, stack}`.
 */
export function boundLogValue(value: unknown, key = '', depth = 0): unknown {
  if (key && value !== undefined && isSecretField(key)) return REDACTED;
  if (typeof value === 'string') return boundString(value, key === 'stack' ? MAX_LOGGED_STACK : MAX_LOGGED_STRING);
  if (value === null || typeof value !== 'object' || value instanceof Date) return value;
  if (depth >= MAX_LOGGED_DEPTH) return '[nested too deep]';
  if (value instanceof Error) return boundLogValue({ name: value.name, message: value.message, stack: value.stack }, key, depth);
  if (Array.isArray(value)) {
    const items = value.slice(0, MAX_LOGGED_ITEMS).map((item) => boundLogValue(item, '', depth + 1));
    return value.length > MAX_LOGGED_ITEMS ? [...items, `[+${value.length - MAX_LOGGED_ITEMS} items]`] : items;
  }
  const entries = Object.entries(value);
  const kept = Object.fromEntries(
    entries.slice(0, MAX_LOGGED_FIELDS).map(([field, inner]) => [boundString(field, 100), boundLogValue(inner, field, depth + 1)]),
  );
  if (entries.length > MAX_LOGGED_FIELDS) kept['…'] = `[+${entries.length - MAX_LOGGED_FIELDS} fields]`;
  return kept;
}

export function boundString(text: string, max = MAX_LOGGED_STRING): string {
  return text.length > max ? `${text.slice(0, max)}…[+${text.length - max} chars]` : text;
}
