import { createPublicKey, type KeyObject } from 'node:crypto';

/**
 * An RSA public key from PEM text or bare base64 SPKI (the form ANYMARKET publishes; whitespace and
 * line breaks inside it are ignored, as older copies of the docs carry some). Parsed once, so token
 * checks reuse the KeyObject instead of re-reading the PEM on every verify.
 */
export function parseRsaPublicKey(text: string): KeyObject {
  const trimmed = text.trim();
  let key: KeyObject;
  try {
    key = trimmed.startsWith('-----BEGIN')
      ? createPublicKey({ key: trimmed, format: 'pem' })
      : createPublicKey({ key: Buffer.from(trimmed.replace(/\s+/g, ''), 'base64'), format: 'der', type: 'spki' });
  } catch {
    throw new Error('must be an RSA public key, as PEM or base64 SPKI');
  }
  if (key.asymmetricKeyType !== 'rsa') throw new Error(`must be an RSA public key (got ${key.asymmetricKeyType ?? 'an unknown key type'})`);
  return key;
}
