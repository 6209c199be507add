import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { ANYMARKET_SETTINGS, type AnymarketSettings } from '../anymarket.config.js';
import { MAX_OI_LENGTH, type AnymarketIdentity } from './anymarket-identity.js';
import { AnymarketTokenRejection } from './anymarket-token-rejection.js';

export const ANYMARKET_TOKEN_STRATEGY = 'anymarket-token';
export const ANYMARKET_TOKEN_HEADER = 'x-anymarket-token';

/**
 * passport-jwt for `x-anymarket-token`: RS256 only, the configured key parsed once into a KeyObject,
 * expiry enforced with the configured clock tolerance. jsonwebtoken accepts tokens without `exp`,
 * so `validate` requires it, and requires `oi` (kept verbatim: it ends in a dot) short enough to store
 * and free of control characters.
 */
@Injectable()
export class AnymarketTokenStrategy extends PassportStrategy(Strategy, ANYMARKET_TOKEN_STRATEGY) {
  constructor(@Inject(ANYMARKET_SETTINGS) settings: AnymarketSettings) {
    super({
      jwtFromRequest: ExtractJwt.fromHeader(ANYMARKET_TOKEN_HEADER),
      // jsonwebtoken takes a KeyObject; passport-jwt's types predate that, hence the cast.
      secretOrKeyProvider: (_req: unknown, _token: unknown, done: (err: unknown, key?: string | Buffer) => void) =>
        done(null, settings.publicKey as unknown as Buffer),
      algorithms: ['RS256'],
      ignoreExpiration: false,
      jsonWebTokenOptions: { clockTolerance: settings.clockToleranceSeconds },
    });
  }

  validate(payload: Record<string, unknown>): AnymarketIdentity {
    if (typeof payload.exp !== 'number') throw new AnymarketTokenRejection('missing exp');
    if (typeof payload.oi !== 'string' || payload.oi.length === 0) throw new AnymarketTokenRejection('missing oi');
    // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
    if (payload.oi.length > MAX_OI_LENGTH || /[\u0000-\u001f\u007f]/.test(payload.oi)) {
      throw new AnymarketTokenRejection('unusable oi', `longer than ${MAX_OI_LENGTH} characters or with control characters`);
    }
    return {
      oi: payload.oi,
      ...optionalString('organization', payload.organization),
      ...optionalString('login', payload.login),
      ...optionalString('ip', payload.ip),
    };
  }
}

function optionalString<K extends string>(key: K, value: unknown): Partial<Record<K, string>> {
  return typeof value === 'string' ? ({ [key]: value } as Record<K, string>) : {};
}
