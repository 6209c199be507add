import { Injectable, type OnModuleInit } from '@nestjs/common';
import { MarketplacerRemittances } from '#marketplacer';
import { feedOutcome, WebhookHandlers } from '../webhooks/index.js';
import { RemittanceAdvicesScanJob } from './remittances/remittance-advices-scan.job.js';
import { SellerDirectory } from './seller-directory.js';

/**
 * Seller and RemittanceAdvice webhooks. A seller is re-read into the seller directory (its standing
 * reaches its accounts at once: an offline seller stops trading before the next `sellers` run); an
 * advice is re-read and kept as the advices scan keeps it (and announced when it changed).
 */
@Injectable()
export class SellersWebhooks implements OnModuleInit {
  constructor(
    private readonly handlers: WebhookHandlers,
    private readonly directory: SellerDirectory,
    private readonly remittances: MarketplacerRemittances,
    private readonly advices: RemittanceAdvicesScanJob,
  ) {}

  onModuleInit(): void {
    this.handlers.register(['Seller'], async ({ id }) => {
      const seller = await this.directory.refresh(id);
      return { applied: true, note: seller ? 'the seller directory keeps its current state' : 'Marketplacer has no such seller now; kept as deleted' };
    });
    this.handlers.register(['RemittanceAdvice'], async ({ id }) => {
      const advice = await this.remittances.findRemittanceAdvice(id);
      if (!advice) return { applied: false, note: 'Marketplacer has no such remittance advice now' };
      return feedOutcome(await this.advices.takeItems([advice]), 'remittance advice(s) changed in the copy', 'not kept');
    });
  }
}
