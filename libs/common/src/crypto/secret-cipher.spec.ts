import { randomBytes } from 'node:crypto';
import { SecretCipher, SecretDecryptionError } from './secret-cipher.js';

describe('SecretCipher', () => {
  const key = randomBytes(32);
  const cipher = new SecretCipher(key);

  it('round-trips a value in the versioned format, with a fresh IV each time', () => {
    const stored = cipher.encrypt('LG1620824269786R9896699');
    expect(stored).toMatch(/^v1:[A-Za-z0-9_-]{8}:[A-Za-z0-9_-]{16}:[A-Za-z0-9_-]{22}:[A-Za-z0-9_-]+$/);
    expect(stored).not.toContain('LG1620824269786R9896699');
    expect(cipher.decrypt(stored)).toBe('LG1620824269786R9896699');
    expect(cipher.encrypt('LG1620824269786R9896699')).not.toBe(stored);
    expect(cipher.decrypt(cipher.encrypt(''))).toBe('');
    expect(cipher.decrypt(cipher.encrypt('ção ✓'))).toBe('ção ✓');
  });

  it.each([
    ['the ciphertext', 4],
    ['the tag', 3],
    ['the IV', 2],
  ])('refuses a value whose %s was altered', (_part, index) => {
    const parts = cipher.encrypt('secret-token').split(':');
    const bytes = Buffer.from(parts[index], 'base64url');
    bytes[0] ^= 0x01;
    parts[index] = bytes.toString('base64url');
    expect(() => cipher.decrypt(parts.join(':'))).toThrow(SecretDecryptionError);
  });

  it('refuses values of an unknown format', () => {
    expect(() => cipher.decrypt('plaintext')).toThrow(/unknown format/);
    expect(() => cipher.decrypt('v2:a:b:c:d')).toThrow(/unknown format/);
  });

  it('refuses a value written under another key, naming the key id but not the key', () => {
    const other = new SecretCipher(randomBytes(32));
    const stored = other.encrypt('secret-token');
    expect(() => cipher.decrypt(stored)).toThrow(/neither ENCRYPTION_KEY nor one of ENCRYPTION_PREVIOUS_KEYS/);
    // Same key id forged onto another key's ciphertext: the tag check still refuses it.
    const forged = ['v1', cipher.encrypt('x').split(':')[1], ...stored.split(':').slice(2)].join(':');
    expect(() => cipher.decrypt(forged)).toThrow(/altered or is damaged/);
  });

  it('after a rotation, decrypts old values with the previous key and encrypts with the new one', () => {
    const oldCipher = new SecretCipher(key);
    const oldValue = oldCipher.encrypt('old-token');
    const rotated = new SecretCipher(randomBytes(32), [key]);
    expect(rotated.decrypt(oldValue)).toBe('old-token');
    expect(rotated.needsReencryption(oldValue)).toBe(true);
    const newValue = rotated.encrypt('new-token');
    expect(rotated.needsReencryption(newValue)).toBe(false);
    expect(() => oldCipher.decrypt(newValue)).toThrow(SecretDecryptionError);
  });

  it('refuses keys that are not 32 bytes', () => {
    expect(() => new SecretCipher(randomBytes(16))).toThrow(/32-byte/);
  });
});
