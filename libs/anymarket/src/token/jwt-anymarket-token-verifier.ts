import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import type { Request } from 'express';
import jwt from 'jsonwebtoken';
import { AnymarketTokenVerifier } from '#common';
import { ANYMARKET_SETTINGS, type AnymarketSettings } from '../anymarket.config.js';
import { ANYMARKET_IDENTITY, type AnymarketIdentity, type RequestWithAnymarketIdentity } from './anymarket-identity.js';
import { ANYMARKET_TOKEN_HEADER, identityFromClaims } from './anymarket-token-claims.js';
import { AnymarketTokenRejection, rejectionFrom } from './anymarket-token-rejection.js';
import { VERIFIED_TOKEN_CACHE_SIZE, VerifiedTokenCache } from './verified-token-cache.js';

export type AnymarketTokenCheck = { ok: true; identity: AnymarketIdentity } | { ok: false; rejection: AnymarketTokenRejection };

/** Seconds since the epoch; injectable so tests make a cached token expire without waiting. */
export type NowSeconds = () => number;

/** Optional provider of the verifier's clock (NowSeconds); the system clock without it. */
export const ANYMARKET_TOKEN_CLOCK = Symbol('AnymarketTokenClock');

const systemNowSeconds: NowSeconds = () => Math.floor(Date.now() / 1000);

/**
 * The `AnymarketTokenVerifier` port (asked by the global access guard for `@AnymarketRoute()`s):
 * checks `x-anymarket-token` with jsonwebtoken (RS256 only, the configured key parsed once into a
 * KeyObject, expiry with the configured clock tolerance), leaves the identity on the request, and logs
 * one warn line with the reason when the token is refused (never the token). A token that verified
 * once is remembered by its hash until it expires (VerifiedTokenCache): ANYMARKET sends the same
 * token on many calls, and the RSA verify and JWT parse were most of a guarded remote's cost (ADR 0006).
 */
@Injectable()
export class JwtAnymarketTokenVerifier extends AnymarketTokenVerifier {
  private readonly logger = new Logger('AnymarketToken');
  private readonly key: AnymarketSettings['publicKey'];
  private readonly clockToleranceSeconds: number;
  private readonly verified: VerifiedTokenCache<AnymarketIdentity>;

  constructor(
    @Inject(ANYMARKET_SETTINGS) settings: AnymarketSettings,
    /** The clock of both the full check and the cache (tests pass their own). */
    @Optional() @Inject(ANYMARKET_TOKEN_CLOCK) private readonly nowSeconds: NowSeconds = systemNowSeconds,
  ) {
    super();
    this.key = settings.publicKey;
    this.clockToleranceSeconds = settings.clockToleranceSeconds;
    this.verified = new VerifiedTokenCache<AnymarketIdentity>(VERIFIED_TOKEN_CACHE_SIZE, nowSeconds);
  }

  verify(req: Request): Promise<boolean> {
    const check = this.check(req);
    if (check.ok) {
      (req as Request & RequestWithAnymarketIdentity)[ANYMARKET_IDENTITY] = check.identity;
      return Promise.resolve(true);
    }
    this.logger.warn({ msg: 'x-anymarket-token rejected', reason: check.rejection.reason, detail: check.rejection.detail, path: req.path });
    return Promise.resolve(false);
  }

  /** The outcome without side effects on the request (what `verify` acts on; tests read the reason). */
  check(req: Pick<Request, 'headers'>): AnymarketTokenCheck {
    const token = req.headers[ANYMARKET_TOKEN_HEADER];
    if (typeof token !== 'string' || token === '') return { ok: false, rejection: new AnymarketTokenRejection('missing token') };
    const remembered = this.verified.get(token);
    if (remembered) return { ok: true, identity: remembered };
    try {
      const payload = jwt.verify(token, this.key, {
        algorithms: ['RS256'],
        clockTolerance: this.clockToleranceSeconds,
        clockTimestamp: this.nowSeconds(),
      });
      if (typeof payload === 'string') throw new AnymarketTokenRejection('malformed', 'the payload is not a JSON object');
      const identity = Object.freeze(identityFromClaims(payload));
      this.verified.set(token, identity, (payload.exp as number) + this.clockToleranceSeconds);
      return { ok: true, identity };
    } catch (error) {
      return { ok: false, rejection: rejectionFrom(error) };
    }
  }
}
