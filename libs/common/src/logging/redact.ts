/**
 * Field names whose values never reach a log line: credentials, tokens, secrets, keys, passwords
 * (Portuguese `senha` included, ANYMARKET's language), and the x-anymarket-token / authorization headers.
 */
const SECRET_FIELD = /pass(word)?|senha|token|secret|key|authorization|cookie|credential|signature|hmac/i;

export const REDACTED = '[REDACTED]';

export function isSecretField(name: string): boolean {
  return SECRET_FIELD.test(name);
}

const MAX_DEPTH = 12;

/** A copy of `value` with every secret-named field replaced by `[REDACTED]`; deeper than 12 levels is cut off. */
export function redactSecrets(value: unknown, depth = 0): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (depth > MAX_DEPTH) return '[TRUNCATED]';
  if (value instanceof Error) return { name: value.name, message: value.message, ...redactObject(value, depth) };
  if (Array.isArray(value)) return value.map((item) => redactSecrets(item, depth + 1));
  if (value instanceof Date) return value;
  return redactObject(value as Record<string, unknown>, depth);
}

function redactObject(value: object, depth: number): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  for (const [field, inner] of Object.entries(value)) {
    copy[field] = isSecretField(field) ? REDACTED : redactSecrets(inner, depth + 1);
  }
  return copy;
}
