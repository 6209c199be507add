import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** The admin bearer credential, compared in constant time (both sides hashed to equal length first). */
export class AdminCredential {
  private readonly digest: Buffer;

  private constructor(
    secret: string,
    readonly generated: boolean,
  ) {
    this.digest = sha256(secret);
  }

  /** The configured token, or a random one when none is configured (the caller prints it once). */
  static fromConfig(configured: string | undefined): { credential: AdminCredential; generatedToken?: string } {
    if (configured !== undefined) return { credential: new AdminCredential(configured, false) };
    const token = randomBytes(24).toString('base64url');
    return { credential: new AdminCredential(token, true), generatedToken: token };
  }

  matches(presented: string): boolean {
    return timingSafeEqual(this.digest, sha256(presented));
  }
}

function sha256(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

/** The bearer value of an `Authorization` header, or undefined. */
export function bearerToken(header: string | undefined): string | undefined {
  const match = header?.match(/^Bearer\s+(\S+)\s*$/i);
  return match?.[1];
}
