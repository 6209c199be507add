import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, Not, type Repository } from 'typeorm';
import { SellerLinkEntity } from './entities/seller-link.entity.js';

/**
 * A seller's standing on its links. The seller directory (Sellers) tells Accounts whenever its copy of
 * a seller changes; Accounts writes the reason on the seller's links, which stops or resumes their
 * accounts (`account-standing.ts`), and tells the contexts that must catch up with a resumed seller.
 */
@Injectable()
export class SellerLinkStanding {
  private readonly logger = new Logger('SellerLinks');
  private readonly resumeListeners: Array<(sellerId: string) => Promise<void>> = [];

  constructor(@InjectRepository(SellerLinkEntity) private readonly links: Repository<SellerLinkEntity>) {}

  /**
   * Contexts that must catch up with a seller that may trade again (what changed while its accounts
   * were stopped was not sent) register here, in onModuleInit.
   */
  onResume(listener: (sellerId: string) => Promise<void>): void {
    this.resumeListeners.push(listener);
  }

  /**
   * Writes the seller's standing onto its links: a seller that may not trade (`inactiveReason`) marks
   * them (their accounts stop), one that may again (null) clears them (their accounts resume, and the
   * resume listeners run). Only changes are written.
   */
  async apply(sellerId: string, inactiveReason: string | null): Promise<void> {
    if (inactiveReason === null) {
      const cleared = await this.links.update({ sellerId, sellerInactiveReason: Not(IsNull()) }, { sellerInactiveReason: null, sellerInactiveSince: null });
      if (!cleared.affected) return;
      this.logger.log({ msg: "seller may trade again: its links' accounts resume", sellerId, links: cleared.affected });
      await this.resumed(sellerId);
      return;
    }
    const marked = await this.links.update(
      { sellerId, sellerInactiveReason: IsNull() },
      { sellerInactiveReason: inactiveReason, sellerInactiveSince: new Date() },
    );
    const reworded = await this.links.update({ sellerId, sellerInactiveReason: Not(inactiveReason) }, { sellerInactiveReason: inactiveReason });
    if (marked.affected || reworded.affected) {
      this.logger.warn({
        msg: "seller may not trade: its links' accounts stop",
        sellerId,
        reason: inactiveReason,
        links: (marked.affected ?? 0) + (reworded.affected ?? 0),
      });
    }
  }

  /**
   * Tells the listeners; one that fails is logged and does not stop the others (the seller's standing
   * is already written, and an admin resync catches a listing up).
   */
  private async resumed(sellerId: string): Promise<void> {
    for (const listener of this.resumeListeners) {
      try {
        await listener(sellerId);
      } catch (error) {
        this.logger.error({
          msg: 'could not catch up with a seller that may trade again',
          sellerId,
          reason: error instanceof Error ? error.message : String(error),
        });
      }
    }
  }
}
