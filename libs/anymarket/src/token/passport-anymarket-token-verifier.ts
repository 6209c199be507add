import { Injectable, Logger } from '@nestjs/common';
import type { Request } from 'express';
import passport from 'passport';
import { AnymarketTokenVerifier } from '#common';
import { ANYMARKET_IDENTITY, type AnymarketIdentity, type RequestWithAnymarketIdentity } from './anymarket-identity.js';
import { rejectionFrom, type AnymarketTokenRejection } from './anymarket-token-rejection.js';
import { AnymarketTokenStrategy } from './anymarket-token.strategy.js';

export type AnymarketTokenCheck = { ok: true; identity: AnymarketIdentity } | { ok: false; rejection: AnymarketTokenRejection };

/**
 * The `AnymarketTokenVerifier` port (asked by the global access guard for `@AnymarketRoute()`s):
 * runs the `anymarket-token` strategy for the request, leaves the identity on it, and logs one warn
 * line with the reason when the token is refused (never the token).
 */
@Injectable()
export class PassportAnymarketTokenVerifier extends AnymarketTokenVerifier {
  private readonly logger = new Logger('AnymarketToken');

  constructor(private readonly strategy: AnymarketTokenStrategy) {
    super();
  }

  async verify(req: Request): Promise<boolean> {
    const check = await this.check(req);
    if (check.ok) {
      (req as Request & RequestWithAnymarketIdentity)[ANYMARKET_IDENTITY] = check.identity;
      return true;
    }
    this.logger.warn({ msg: 'x-anymarket-token rejected', reason: check.rejection.reason, detail: check.rejection.detail, path: req.path });
    return false;
  }

  /** The outcome without side effects (what `verify` acts on; tests read the reason). */
  check(req: Request): Promise<AnymarketTokenCheck> {
    return new Promise((resolve) => {
      // A fresh object per request over our own strategy instance: passport decorates the strategy
      // it runs with per-request success/fail callbacks, and the global registry by name would let
      // another instance (another app in the same process) answer for ours.
      const perRequest = Object.create(this.strategy) as AnymarketTokenStrategy;
      const done = (error: unknown, identity: AnymarketIdentity | false, info: unknown) => {
        if (!error && identity) resolve({ ok: true, identity });
        else resolve({ ok: false, rejection: rejectionFrom(error ?? info) });
      };
      passport.authenticate(perRequest, { session: false }, done)(req, req.res, (error: unknown) => done(error, false, undefined));
    });
  }
}
