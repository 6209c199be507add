import type { Request } from 'express';

/**
 * Port for the `Marketplacer-Hmac-256` check, implemented by the Marketplacer library. The access
 * guard asks it for routes marked `@MarketplacerWebhookRoute()`, whose body arrives as the raw bytes
 * (`rawBodyRoutes` in configureHttpApp); true when the request is signed with a configured key.
 * Without an implementation such a route is denied.
 */
export abstract class MarketplacerWebhookVerifier {
  abstract verify(req: Request): boolean;
}
