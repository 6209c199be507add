import type { CanActivate, ExecutionContext } from '@nestjs/common';

/**
 * Port for the x-anymarket-token check, implemented by the ANYMARKET library (a Passport strategy on
 * passport-jwt behind @nestjs/passport's AuthGuard, with the verified-token cache in front). The global
 * access guard asks it for routes marked `@AnymarketRoute()`: resolves true when the request may proceed
 * (the caller's identity is then on the request), and rejects with why when the token is refused (an
 * Error whose message is the reason, never the token), which the access guard answers as 401 and the
 * exception filter logs once.
 */
export abstract class AnymarketTokenGuard implements CanActivate {
  abstract canActivate(context: ExecutionContext): Promise<boolean>;
}
