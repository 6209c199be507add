import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Request } from 'express';
import { APP_CONFIG, MarketplacerWebhookVerifier } from '#common';
import type { MarketplacerConfig } from '../marketplacer-connection.js';
import { MARKETPLACER_HMAC_HEADER, verifyMarketplacerHmac } from './verify-hmac.js';

/** The HMAC key the bundled simulator signs its webhooks with in demo mode (never a real instance's). */
export const DEMO_MARKETPLACER_WEBHOOK_HMAC_KEY = 'demo-marketplacer-webhook-hmac-key';

/**
 * The keys deliveries may be signed with: MARKETPLACER_WEBHOOK_HMAC_KEYS (comma-separated, so a
 * rotation accepts old and new), or the simulator's demo key in demo mode. Empty = every delivery refused.
 */
export function webhookHmacKeysOf(config: Pick<MarketplacerConfig, 'marketplacerWebhookHmacKeys' | 'marketplacerApiUrl'>): string[] {
  const configured = (config.marketplacerWebhookHmacKeys ?? '')
    .split(',')
    .map((key) => key.trim())
    .filter((key) => key.length > 0);
  if (configured.length > 0) return configured;
  return config.marketplacerApiUrl === undefined ? [DEMO_MARKETPLACER_WEBHOOK_HMAC_KEY] : [];
}

/**
 * Checks `Marketplacer-Hmac-256` (base64 HMAC-SHA256 of the raw body, key as UTF-8) against every
 * configured key in constant time. A refusal is logged with its reason and the delivery's headers that
 * identify it, never the body or the signature.
 */
@Injectable()
export class HmacMarketplacerWebhookVerifier extends MarketplacerWebhookVerifier {
  private readonly logger = new Logger('MarketplacerWebhooks');
  private readonly keys: string[];

  constructor(@Inject(APP_CONFIG) config: MarketplacerConfig) {
    super();
    this.keys = webhookHmacKeysOf(config);
  }

  /** How many keys are accepted (admins see it; the keys themselves never leave this class). */
  get keyCount(): number {
    return this.keys.length;
  }

  verify(req: Request): boolean {
    const signature = req.header(MARKETPLACER_HMAC_HEADER);
    const body: unknown = req.body;
    const reason = !Buffer.isBuffer(body)
      ? 'the route does not receive the raw body'
      : this.keys.length === 0
        ? 'no HMAC key is configured (MARKETPLACER_WEBHOOK_HMAC_KEYS)'
        : !signature
          ? 'no Marketplacer-Hmac-256 header'
          : this.matchesAnyKey(body, signature)
            ? null
            : 'the signature matches no configured key';
    if (reason === null) return true;
    this.logger.warn({
      msg: 'Marketplacer webhook delivery refused',
      reason,
      path: req.path,
      // Headers of a request that may be forged: bounded.
      sequence: req.header('marketplacer-sequence')?.slice(0, 40),
      vertical: req.header('marketplacer-vertical')?.slice(0, 100),
      bytes: Buffer.isBuffer(body) ? body.length : undefined,
    });
    return false;
  }

  /** Every key is tried (no early exit), so the time taken does not tell which key came closest. */
  private matchesAnyKey(body: Buffer, signature: string): boolean {
    let matched = false;
    for (const key of this.keys) matched = verifyMarketplacerHmac(body, signature, key) || matched;
    return matched;
  }
}
