import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

const FORMAT = 'v1';
const ALGORITHM = 'aes-256-gcm';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * A stored value that does not decrypt: tampered, truncated, or written under a key no longer
 * configured. A server fault, not the caller's: it surfaces as a 500 with an error id.
 */
export class SecretDecryptionError extends Error {
  constructor(reason: string, options?: { cause?: unknown }) {
    super(`A secret stored at rest could not be decrypted: ${reason}`, options);
    this.name = 'SecretDecryptionError';
  }
}

/**
 * Encrypts secrets at rest with AES-256-GCM, a fresh random IV per value. Stored form (all base64url):
 * `v1:<keyId>:<iv>:<tag>:<ciphertext>`. The key id (a short hash of the key) names which key wrote the
 * value, so after a rotation the previous keys still decrypt old values while new ones use the current key.
 */
export class SecretCipher {
  private readonly currentId: string;
  private readonly keys = new Map<string, Buffer>();

  constructor(current: Buffer, previous: readonly Buffer[] = []) {
    for (const key of [current, ...previous]) {
      if (key.length !== 32) throw new Error('SecretCipher needs 32-byte keys');
      this.keys.set(keyId(key), key);
    }
    this.currentId = keyId(current);
  }

  encrypt(plaintext: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv(ALGORITHM, this.keys.get(this.currentId)!, iv, { authTagLength: TAG_BYTES });
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [FORMAT, this.currentId, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), ciphertext.toString('base64url')].join(':');
  }

  decrypt(stored: string): string {
    const parts = stored.split(':');
    if (parts.length !== 5 || parts[0] !== FORMAT) throw new SecretDecryptionError('unknown format');
    const [, id, iv, tag, ciphertext] = parts;
    const key = this.keys.get(id);
    if (!key) throw new SecretDecryptionError(`it was encrypted with key ${id}, which is neither ENCRYPTION_KEY nor one of ENCRYPTION_PREVIOUS_KEYS`);
    try {
      const decipher = createDecipheriv(ALGORITHM, key, Buffer.from(iv, 'base64url'), { authTagLength: TAG_BYTES });
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
    } catch (error) {
      throw new SecretDecryptionError('the value was altered or is damaged', { cause: error });
    }
  }

  /** True when the value was written with a previous key and should be re-encrypted. */
  needsReencryption(stored: string): boolean {
    return stored.split(':')[1] !== this.currentId;
  }
}

/** Public fingerprint of a key: 8 base64url characters of its SHA-256 (reveals nothing usable about the key). */
function keyId(key: Buffer): string {
  return createHash('sha256').update(key).digest('base64url').slice(0, 8);
}
