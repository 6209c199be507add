import { Injectable, type OnModuleInit } from '@nestjs/common';
import { Metrics } from '#common';
import { SellerLinksService } from './seller-links.service.js';

/** Seller links by standing, read at scrape time in one grouped query: a rise in `stopped` is sellers Marketplacer stopped. */
@Injectable()
export class AccountsMetrics implements OnModuleInit {
  constructor(
    private readonly metrics: Metrics,
    private readonly links: SellerLinksService,
  ) {}

  onModuleInit(): void {
    const links = this.metrics.gauge({
      name: 'connector_seller_links',
      help: 'Seller links by standing: active, stopped (Marketplacer says the seller may not trade: its accounts wait), revoked',
      labelNames: ['standing'],
    });
    this.metrics.onScrape('seller-links', async () => {
      for (const [standing, count] of Object.entries(await this.links.countsByStanding())) links.set({ standing }, count);
    });
  }
}
