import { createParamDecorator, type ExecutionContext } from '@nestjs/common';

/** Who is calling a remote, from the verified x-anymarket-token. */
export interface AnymarketIdentity {
  /** Organization id, kept verbatim: an opaque string that ends in a dot (e.g. "22449504."). */
  oi: string;
  organization?: string;
  login?: string;
  ip?: string;
}

/**
 * The longest `oi` the connector keeps (its columns are this wide). ANYMARKET's are short digit strings
 * with a trailing dot; a longer one, or one with control characters, is not a token ANYMARKET issued.
 */
export const MAX_OI_LENGTH = 64;

/** Where the token verifier leaves the identity on the request. */
export const ANYMARKET_IDENTITY = Symbol('anymarketIdentity');
export type RequestWithAnymarketIdentity = { [ANYMARKET_IDENTITY]?: AnymarketIdentity };

/** Handler parameter: the verified caller of an `@AnymarketRoute()` remote. */
export const AnymarketCaller = createParamDecorator((_data: unknown, context: ExecutionContext): AnymarketIdentity => {
  const identity = context.switchToHttp().getRequest<RequestWithAnymarketIdentity>()[ANYMARKET_IDENTITY];
  if (!identity) throw new Error('AnymarketCaller used on a route that is not an @AnymarketRoute()');
  return identity;
});
