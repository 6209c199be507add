import { createHash, randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * Hashes of the secrets this connector issues (integration secrets: 192 random bits each).
 *
 * `s2` (current): salted SHA-256. A slow KDF protects guessable, human-chosen passwords; against a
 * 192-bit random secret it adds nothing (2^192 guesses either way) and cost ~30 ms of CPU per check,
 * which made every /testIntegration CPU-bound (bench: activation). Only for generated secrets.
 * `s1` (earlier): salted scrypt; still verified, so stored links keep working.
 */
const S1 = { N: 16384, r: 8, p: 1, saltBytes: 16 } as const;
const S2_SALT_BYTES = 16;

/** A new random secret for a person to copy (32 base64url characters, 192 bits). */
export function generateSecret(bytes = 24): string {
  return randomBytes(bytes).toString('base64url');
}

/** `s2:<salt>:<sha256(salt ‖ secret)>` (base64url) of a secret from `generateSecret`. Never reversible. */
export async function hashSecret(secret: string): Promise<string> {
  const salt = randomBytes(S2_SALT_BYTES);
  return `s2:${salt.toString('base64url')}:${sha256(salt, secret).toString('base64url')}`;
}

/** Whether `secret` matches a stored `s2` (or older `s1`) hash, compared in constant time. An unknown format throws. */
export async function verifySecret(secret: string, stored: string): Promise<boolean> {
  const [format, salt, hash, ...rest] = stored.split(':');
  if (!salt || !hash || rest.length) throw new Error('verifySecret: the stored hash has an unknown format');
  const expected = Buffer.from(hash, 'base64url');
  const saltBytes = Buffer.from(salt, 'base64url');
  let actual: Buffer;
  if (format === 's2') actual = sha256(saltBytes, secret);
  else if (format === 's1') actual = await scryptKey(secret, saltBytes, expected.length, { N: S1.N, r: S1.r, p: S1.p });
  else throw new Error('verifySecret: the stored hash has an unknown format');
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

function sha256(salt: Buffer, secret: string): Buffer {
  return createHash('sha256').update(salt).update(secret, 'utf8').digest();
}

function scryptKey(secret: string, salt: Buffer, keyLength: number, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolvePromise, reject) => {
    scrypt(secret, salt, keyLength, options, (error, key) => (error ? reject(error) : resolvePromise(key)));
  });
}
