import { Inject, Injectable, Optional } from '@nestjs/common';
import { ANYMARKET_SETTINGS, type AnymarketSettings } from '../anymarket.config.js';
import type { AnymarketIdentity } from './anymarket-identity.js';
import { VERIFIED_TOKEN_CACHE_SIZE, VerifiedTokenCache } from './verified-token-cache.js';

/** Seconds since the epoch; injectable so tests make a token (cached or not) expire without waiting. */
export type NowSeconds = () => number;

/** Optional provider of the token check's clock (NowSeconds): the strategy's and the cache's; the system clock without it. */
export const ANYMARKET_TOKEN_CLOCK = Symbol('AnymarketTokenClock');

const systemNowSeconds: NowSeconds = () => Math.floor(Date.now() / 1000);

/**
 * The x-anymarket-tokens this process has verified, in front of the Passport strategy (ADR 0019): the
 * guard recalls a token here before asking the strategy, and the strategy remembers a token here once
 * it passed the full check, until `exp` + the clock tolerance (the second at which the full check would
 * refuse it), on the same clock. Refusals are never remembered. ANYMARKET sends the same token on many
 * calls; without this, each would pay passport's per-request machinery, a JWT parse and an RSA verify.
 */
@Injectable()
export class VerifiedAnymarketTokens {
  private readonly cache: VerifiedTokenCache<AnymarketIdentity>;
  private readonly clockToleranceSeconds: number;

  constructor(
    @Inject(ANYMARKET_SETTINGS) settings: Pick<AnymarketSettings, 'clockToleranceSeconds'>,
    @Optional() @Inject(ANYMARKET_TOKEN_CLOCK) readonly nowSeconds: NowSeconds = systemNowSeconds,
  ) {
    this.clockToleranceSeconds = settings.clockToleranceSeconds;
    this.cache = new VerifiedTokenCache<AnymarketIdentity>(VERIFIED_TOKEN_CACHE_SIZE, nowSeconds);
  }

  /** The identity of this exact token if it passed the full check and is still valid. */
  recall(token: string): AnymarketIdentity | undefined {
    return this.cache.get(token);
  }

  /** Remembers a token that passed the full check, with `exp` from its verified claims. */
  remember(token: string, identity: AnymarketIdentity, exp: number): void {
    this.cache.set(token, identity, exp + this.clockToleranceSeconds);
  }

  get size(): number {
    return this.cache.size;
  }
}
