import { Injectable, type OnModuleInit } from '@nestjs/common';
import { MarketplacerCatalog, type MarketplacerAdvert } from '#marketplacer';
import { feedOutcome, WebhookHandlers, type WebhookOutcome } from '../webhooks/index.js';
import { AdvertsFeedJob } from './adverts-feed.job.js';
import { ListingStore } from './listing.store.js';

const NOBODY = 'no synced listing is on this advert';

/**
 * Advert and Variant webhooks: the advert is re-read from the Operator API (in whichever state it is
 * now) and its synced listings reported as the adverts feed would (only what changed since the last
 * report, so the feed seeing the same change later sends nothing). A Variant event is about the advert
 * of the listings on that variant (our own rows say which advert; the payload is not trusted for it).
 */
@Injectable()
export class ListingsWebhooks implements OnModuleInit {
  constructor(
    private readonly handlers: WebhookHandlers,
    private readonly catalog: MarketplacerCatalog,
    private readonly adverts: AdvertsFeedJob,
    private readonly store: ListingStore,
  ) {}

  onModuleInit(): void {
    this.handlers.register(['Advert'], ({ id }) => this.advertChanged([id]));
    this.handlers.register(['Variant'], async ({ id }) => {
      const advertIds = await this.store.advertIdsOfVariant(id);
      return advertIds.length ? this.advertChanged(advertIds) : { applied: false, note: 'no synced listing is on this variant' };
    });
  }

  private async advertChanged(advertIds: string[]): Promise<WebhookOutcome> {
    const adverts: MarketplacerAdvert[] = [];
    for (const id of advertIds) {
      const advert = await this.catalog.findAdvert(id);
      if (advert) adverts.push(advert);
    }
    if (adverts.length === 0) return { applied: false, note: 'Marketplacer answers nothing for this advert now; the adverts feed is the safety net' };
    return feedOutcome(await this.adverts.takeItems(adverts), 'listing(s) reported to ANYMARKET', NOBODY);
  }
}
