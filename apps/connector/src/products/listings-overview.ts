import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, type Repository } from 'typeorm';
import { ListingEntity } from './entities/listing.entity.js';

/** What the operators' console reads of listings, for many accounts at once: one query per question. */
@Injectable()
export class ListingsOverview {
  constructor(@InjectRepository(ListingEntity) private readonly listings: Repository<ListingEntity>) {}

  /** Listings in error per account (one grouped query); an account without any is absent. */
  async errorCountsByAccount(accountIds: number[]): Promise<Map<number, number>> {
    if (accountIds.length === 0) return new Map();
    const rows = await this.listings
      .createQueryBuilder('l')
      .select('l.accountId', 'accountId')
      .addSelect('COUNT(*)', 'count')
      .where('l.state = :state', { state: 'error' })
      .andWhere('l.accountId IN (:...accountIds)', { accountIds })
      .groupBy('l.accountId')
      .getRawMany<{ accountId: number | string; count: number | string }>();
    return new Map(rows.map((row) => [Number(row.accountId), Number(row.count)]));
  }

  /** The accounts' listings in error, latest change first. */
  inErrorOfAccounts(accountIds: number[], limit: number): Promise<ListingEntity[]> {
    if (accountIds.length === 0) return Promise.resolve([]);
    return this.listings.find({ where: { accountId: In(accountIds), state: 'error' }, order: { updatedAt: 'DESC', id: 'DESC' }, take: limit });
  }
}
