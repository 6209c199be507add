import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { Request } from 'express';
import { withoutStack } from '#common';
import type { JwtPayload } from 'jsonwebtoken';
import passport from 'passport';
import { ExtractJwt, Strategy as JwtStrategy, type StrategyOptionsWithRequest, type VerifyCallbackWithRequest } from 'passport-jwt';
import { ANYMARKET_SETTINGS, type AnymarketSettings } from '../anymarket.config.js';
import type { AnymarketIdentity } from './anymarket-identity.js';
import { ANYMARKET_TOKEN_HEADER, identityFromClaims } from './anymarket-token-claims.js';
import { AnymarketTokenRejection } from './anymarket-token-rejection.js';
import { VerifiedAnymarketTokens } from './verified-anymarket-tokens.js';

/** The name passport knows the strategy by, followed by `#n` per instance (see NamedJwtStrategy). */
export const ANYMARKET_TOKEN_STRATEGY = 'anymarket-token';

let instances = 0;

/**
 * passport-jwt's Strategy registered under a name of its own per instance. Passport's registry is one
 * per process and passport-jwt calls every instance `jwt`: two apps in one process (tests run several)
 * would otherwise check tokens with whichever app registered last, its key and its clock.
 */
class NamedJwtStrategy extends JwtStrategy {
  constructor(options: StrategyOptionsWithRequest & { name: string }, verify: VerifyCallbackWithRequest) {
    super(options, verify);
    this.name = options.name;
  }
}

/**
 * The `x-anymarket-token` Passport strategy (passport-jwt): RS256 only, the configured key (a KeyObject
 * parsed once at start), expiry checked with the configured clock tolerance; then `exp` and `oi` are
 * required (jsonwebtoken accepts a token without `exp`) and the caller's identity is kept. A token that
 * passes is remembered in VerifiedAnymarketTokens, which the guard asks first (ADR 0019). Used through
 * @nestjs/passport's AuthGuard by AnymarketTokenPassportGuard; failures reach the guard as passport's
 * `info` (what jsonwebtoken reported) or as an AnymarketTokenRejection thrown here.
 */
@Injectable()
export class AnymarketTokenStrategy extends PassportStrategy(NamedJwtStrategy) implements OnModuleDestroy {
  constructor(
    @Inject(ANYMARKET_SETTINGS) settings: Pick<AnymarketSettings, 'publicKey' | 'clockToleranceSeconds'>,
    /** Where a verified token is remembered; its clock (ANYMARKET_TOKEN_CLOCK) is the full check's too. */
    private readonly verified: VerifiedAnymarketTokens,
  ) {
    super({
      name: `${ANYMARKET_TOKEN_STRATEGY}#${(instances += 1)}`,
      jwtFromRequest: ExtractJwt.fromHeader(ANYMARKET_TOKEN_HEADER),
      // Called synchronously right before jsonwebtoken's verify, whose outcome passport hands on
      // synchronously: the errors of a refusal (jsonwebtoken's, ours) are made without stacks, which
      // nobody logs. jsonwebtoken takes a KeyObject (no PEM parse per verify); the types say string | Buffer.
      secretOrKeyProvider: (_req, _token, verifyWith) => withoutStack(() => verifyWith(null, settings.publicKey as unknown as Buffer)),
      algorithms: ['RS256'],
      jsonWebTokenOptions: { clockTolerance: settings.clockToleranceSeconds },
      passReqToCallback: true,
    });
    // passport-jwt copies jsonWebTokenOptions once into `_verifOpts`, and jsonwebtoken reads
    // `clockTimestamp` from them on every verify: a getter there puts the full check on our clock.
    // Pinned by the spec "stops accepting a remembered token at the same second as the full check does".
    Object.defineProperty((this as unknown as { _verifOpts: object })._verifOpts, 'clockTimestamp', { get: verified.nowSeconds, enumerable: true });
  }

  /** Called by passport-jwt once the signature, algorithm and expiry checked out. */
  validate(req: Request, payload: JwtPayload | string): AnymarketIdentity {
    if (typeof payload !== 'object' || payload === null) throw new AnymarketTokenRejection('malformed', 'the payload is not a JSON object');
    const identity = Object.freeze(identityFromClaims(payload));
    this.verified.remember(req.headers[ANYMARKET_TOKEN_HEADER] as string, identity, payload.exp as number);
    return identity;
  }

  /** Leaves passport's process-wide registry as it found it. */
  onModuleDestroy(): void {
    passport.unuse(this.name);
  }
}
