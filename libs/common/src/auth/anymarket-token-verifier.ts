import type { Request } from 'express';

/**
 * Port for the x-anymarket-token check, implemented by the ANYMARKET library. The access guard asks
 * it for routes marked `@AnymarketRoute()`; returns true when the request may proceed.
 */
export abstract class AnymarketTokenVerifier {
  abstract verify(req: Request): Promise<boolean>;
}
