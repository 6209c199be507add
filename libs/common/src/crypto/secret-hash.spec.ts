import { randomBytes, scryptSync } from 'node:crypto';
import { generateSecret, hashSecret, verifySecret } from './secret-hash.js';

describe('secret hashing', () => {
  it('verifies the right secret and refuses others; salts every hash', async () => {
    const secret = generateSecret();
    expect(secret).toMatch(/^[A-Za-z0-9_-]{32}$/);
    const stored = await hashSecret(secret);
    expect(stored).toMatch(/^s2:[A-Za-z0-9_-]{22}:[A-Za-z0-9_-]{43}$/);
    expect(stored).not.toContain(secret);
    expect(await verifySecret(secret, stored)).toBe(true);
    expect(await verifySecret(`${secret}x`, stored)).toBe(false);
    expect(await verifySecret('', stored)).toBe(false);
    expect(await hashSecret(secret)).not.toBe(stored);
  });

  it('still verifies hashes stored in the earlier scrypt format (s1)', async () => {
    const salt = randomBytes(16);
    const stored = `s1:${salt.toString('base64url')}:${scryptSync('old-secret', salt, 32, { N: 16384, r: 8, p: 1 }).toString('base64url')}`;
    expect(await verifySecret('old-secret', stored)).toBe(true);
    expect(await verifySecret('other', stored)).toBe(false);
  });

  it('refuses a stored hash of an unknown format instead of answering false', async () => {
    await expect(verifySecret('x', 'plain-secret')).rejects.toThrow(/unknown format/);
    await expect(verifySecret('x', 's9:abc:def')).rejects.toThrow(/unknown format/);
    await expect(verifySecret('x', 's2:abc:def:extra')).rejects.toThrow(/unknown format/);
  });
});
