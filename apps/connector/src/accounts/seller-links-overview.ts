import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, IsNull, Not, type Repository } from 'typeorm';
import { AnymarketAccountEntity } from './entities/anymarket-account.entity.js';
import { SellerLinkEntity } from './entities/seller-link.entity.js';

/** One seller link with its ANYMARKET accounts (never their tokens: only whether one is stored). */
export interface LinkWithAccounts {
  link: SellerLinkEntity;
  accounts: AnymarketAccountEntity[];
}

/** Which links a page lists: all, or only those whose accounts are stopped (revoked, or the seller may not trade). */
export type LinkStandingFilter = 'all' | 'stopped';

/**
 * The seller links and their accounts as the operators' console pages them: a fixed number of
 * queries per page (the count, the page of links, their accounts), whatever the page size.
 */
@Injectable()
export class SellerLinksOverview {
  constructor(
    @InjectRepository(SellerLinkEntity) private readonly links: Repository<SellerLinkEntity>,
    @InjectRepository(AnymarketAccountEntity) private readonly accounts: Repository<AnymarketAccountEntity>,
  ) {}

  /** Links oldest first, `offset` into them; `total` is how many the filter matches. */
  async page(filter: LinkStandingFilter, offset: number, limit: number): Promise<{ total: number; items: LinkWithAccounts[] }> {
    const where = filter === 'stopped' ? [{ revokedAt: Not(IsNull()) }, { sellerInactiveReason: Not(IsNull()) }] : {};
    const [links, total] = await this.links.findAndCount({ where, order: { id: 'ASC' }, skip: offset, take: limit });
    return { total, items: await this.withAccounts(links) };
  }

  /** One link with its accounts, or null. */
  async one(id: number): Promise<LinkWithAccounts | null> {
    const link = await this.links.findOne({ where: { id } });
    return link ? (await this.withAccounts([link]))[0] : null;
  }

  private async withAccounts(links: SellerLinkEntity[]): Promise<LinkWithAccounts[]> {
    if (links.length === 0) return [];
    const accounts = await this.accounts.find({ where: { sellerLinkId: In(links.map((link) => link.id)) }, order: { id: 'ASC' } });
    return links.map((link) => ({ link, accounts: accounts.filter((account) => account.sellerLinkId === link.id) }));
  }
}
