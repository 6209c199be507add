import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { AccountsService } from '../accounts/accounts.service.js';
import { SellerDirectory } from '../sellers/seller-directory.js';
import { AdvertsPollJob } from './adverts-poll.job.js';

/**
 * While a seller may not trade, its accounts are stopped and the adverts feed does not report
 * Marketplacer's changes to its listings. When the seller directory sees it trade again, each synced
 * listing of its accounts is reported as its advert is now (only what changed), so ANYMARKET catches
 * up at once instead of at the advert's next change.
 */
@Injectable()
export class ListingsOnSellerResume implements OnModuleInit {
  private readonly logger = new Logger('Listings');

  constructor(
    private readonly directory: SellerDirectory,
    private readonly accounts: AccountsService,
    private readonly adverts: AdvertsPollJob,
  ) {}

  onModuleInit(): void {
    this.directory.onResume((sellerId) => this.resume(sellerId));
  }

  async resume(sellerId: string): Promise<void> {
    const accounts = (await this.accounts.listActiveAccountsOfSellers([sellerId])).get(sellerId) ?? [];
    for (const account of accounts) {
      const result = await this.adverts.catchUp(account.id);
      this.logger.log({ msg: 'listings caught up: their seller may trade again', accountId: account.id, ...result, retry: result.retry.length });
    }
  }
}
