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

/** How deep below the logged object a secret field is still found (`user.token` is depth 1). */
const REDACT_DEPTH = 2;

/**
 * pino `redact` paths: every secret field at the top of a log line and up to two levels below it
 * (`err.cause.token`), in objects and in arrays (pino's `*` matches both).
 */
export function secretRedactionPaths(): string[] {
  const paths: string[] = [];
  for (const field of SECRET_FIELDS) {
    const key = /^[A-Za-z_$][\w$]*$/.test(field) ? field : `["${field}"]`;
    for (let depth = 0; depth <= REDACT_DEPTH; depth++) {
      const prefix = '*.'.repeat(depth);
      paths.push(key.startsWith('[') ? (depth ? `${prefix.slice(0, -1)}${key}` : key) : `${prefix}${key}`);
    }
  }
  return paths;
}
