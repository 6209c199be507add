import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { join, resolve } from 'node:path';
import { readOrCreateDemoSecret } from '../crypto/demo-secret-file.js';

export const DEMO_ADMIN_TOKEN_FILE = 'admin-token';

/** Where the admin credential of this run came from, for the start-up banner. */
export type AdminCredentialSource =
  | { kind: 'configured' }
  /** Demo mode without ADMIN_TOKEN: kept in DATA_DIR so it survives restarts (and the walk-through can read it). */
  | { kind: 'demo-file'; token: string; file: string }
  /** No ADMIN_TOKEN outside demo mode: a random one for this run only, printed once. */
  | { kind: 'generated'; token: string };

/** The admin bearer credential, compared in constant time (both sides hashed to equal length first). */
export class AdminCredential {
  private readonly digest: Buffer;

  private constructor(secret: string) {
    this.digest = sha256(secret);
  }

  /**
   * The configured token; without one, in demo mode (`demo` given) the one kept in
   * `DATA_DIR/admin-token` (created on first start, mode 0600), otherwise a random one for this run.
   */
  static fromConfig(configured: string | undefined, demo?: { dataDir: string }): { credential: AdminCredential; source: AdminCredentialSource } {
    if (configured !== undefined) return { credential: new AdminCredential(configured), source: { kind: 'configured' } };
    if (demo) {
      const file = resolve(join(demo.dataDir, DEMO_ADMIN_TOKEN_FILE));
      const token = readOrCreateDemoSecret(file, newToken);
      return { credential: new AdminCredential(token), source: { kind: 'demo-file', token, file } };
    }
    const token = newToken();
    return { credential: new AdminCredential(token), source: { kind: 'generated', token } };
  }

  matches(presented: string): boolean {
    return timingSafeEqual(this.digest, sha256(presented));
  }

  /**
   * A key for one purpose (e.g. signing console sessions), derived from the credential and never the
   * credential itself: a new ADMIN_TOKEN makes every key, and what it signed, new.
   */
  derivedKey(purpose: string): Buffer {
    return createHmac('sha256', this.digest).update(purpose, 'utf8').digest();
  }
}

function newToken(): string {
  return randomBytes(24).toString('base64url');
}

function sha256(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

/** The bearer value of an `Authorization` header, or undefined. */
export function bearerToken(header: string | undefined): string | undefined {
  const match = header?.match(/^Bearer\s+(\S+)\s*$/i);
  return match?.[1];
}
