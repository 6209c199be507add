/**
 * Field names whose values never reach a log line, by exact name: credentials, tokens, secrets and
 * keys of this connector and of the systems it talks to (ANYMARKET's `senha` included), and the
 * headers that carry them. Names that merely contain "key" or "token" (`accountKey`, `productKey`,
 * `tokenKey`) are identifiers, and stay readable.
 */
export const SECRET_FIELDS = [
  'password',
  'senha',
  'secret',
  'integrationSecret',
  'clientSecret',
  'secretHash',
  'token',
  'anymarketToken',
  'accessToken',
  'refreshToken',
  'tokenEncrypted',
  'apiKey',
  'marketplacerApiKey',
  'adminToken',
  'encryptionKey',
  'privateKey',
  'hmacKey',
  'authorization',
  'Authorization',
  'cookie',
  'set-cookie',
  'x-anymarket-token',
  'marketplacer-api-key',
  'MARKETPLACER-API-KEY',
] as const;

export const REDACTED = '[REDACTED]';

const SECRET_FIELD_NAMES: ReadonlySet<string> = new Set(SECRET_FIELDS);

/**
 * Whether a field's value must never reach a log line: its name is one of SECRET_FIELDS, exactly.
 * Checked for every field at every depth while a line is bounded (`boundLogValue`), one set look-up
 * per field. pino's own path redaction did the same for 72 wildcard paths at ~100 µs a line, the
 * largest cost of a guarded remote (see the guarded-remote benchmark in docs/benchmarks.md).
 */
export function isSecretField(name: string): boolean {
  return SECRET_FIELD_NAMES.has(name);
}

/** pino `redact` paths for the secret names at the top of a line only (no wildcards: those are the slow ones). */
export function topLevelSecretPaths(): string[] {
  return SECRET_FIELDS.map((field) => (/^[A-Za-z_$][\w$]*$/.test(field) ? field : `["${field}"]`));
}
