import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import type { Request } from 'express';
import { AnymarketTokenGuard } from '#common';
import { ANYMARKET_IDENTITY, type AnymarketIdentity, type RequestWithAnymarketIdentity } from './anymarket-identity.js';
import { ANYMARKET_TOKEN_HEADER } from './anymarket-token-claims.js';
import { AnymarketTokenRejection, rejectionFrom } from './anymarket-token-rejection.js';
import { AnymarketTokenStrategy } from './anymarket-token.strategy.js';
import { VerifiedAnymarketTokens } from './verified-anymarket-tokens.js';

export type AnymarketTokenCheck = { ok: true; identity: AnymarketIdentity } | { ok: false; rejection: AnymarketTokenRejection };

/**
 * @nestjs/passport's AuthGuard for one strategy instance: passes the identity on, and turns every
 * failure into an AnymarketTokenRejection (passport hands what jsonwebtoken reported over as `info`).
 */
function passportGuardFor(strategyName: string): new () => CanActivate {
  return class AnymarketPassportAuthGuard extends AuthGuard(strategyName) {
    override handleRequest<TIdentity>(error: unknown, identity: TIdentity | false, info: unknown): TIdentity {
      if (error || !identity) throw rejectionFrom(error ?? info);
      return identity;
    }
  };
}

/**
 * The `AnymarketTokenGuard` port (asked by the global access guard for every `@AnymarketRoute()`): a
 * token verified before and not yet expired is answered from VerifiedAnymarketTokens without reaching
 * the strategy; any other token goes through @nestjs/passport's AuthGuard to AnymarketTokenStrategy
 * (ADR 0019). Leaves the identity on the request; a refused token is thrown as an AnymarketTokenRejection
 * (its message is the reason, never the token), which the access guard answers as 401 and the exception
 * filter logs in its one warn line.
 */
@Injectable()
export class AnymarketTokenPassportGuard extends AnymarketTokenGuard {
  private readonly passportGuard: CanActivate;

  constructor(
    strategy: AnymarketTokenStrategy,
    private readonly verified: VerifiedAnymarketTokens,
  ) {
    super();
    this.passportGuard = new (passportGuardFor(strategy.name))();
  }

  /** True with the identity on the request, or throws the AnymarketTokenRejection (the filter logs it). */
  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<Request & RequestWithAnymarketIdentity & { user?: AnymarketIdentity }>();
    const token = req.headers[ANYMARKET_TOKEN_HEADER];
    const remembered = typeof token === 'string' && token !== '' ? this.verified.recall(token) : undefined;
    if (remembered) {
      req[ANYMARKET_IDENTITY] = remembered;
      return true;
    }
    try {
      await this.passportGuard.canActivate(context);
    } catch (error) {
      throw rejectionFrom(error);
    }
    req[ANYMARKET_IDENTITY] = req.user;
    return true;
  }

  /** The outcome of `canActivate` as a value (tests read the reason). */
  async check(context: ExecutionContext): Promise<AnymarketTokenCheck> {
    try {
      await this.canActivate(context);
      return { ok: true, identity: context.switchToHttp().getRequest<RequestWithAnymarketIdentity>()[ANYMARKET_IDENTITY]! };
    } catch (error) {
      return { ok: false, rejection: rejectionFrom(error) };
    }
  }
}
