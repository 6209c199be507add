import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, In, IsNull, Not, type Repository } from 'typeorm';
import { generateSecret, hashSecret, settledOnUniqueKey } from '#common';
import type { MarketplacerSeller } from '#marketplacer';
import { accountsErrors } from './accounts.errors.js';
import { AnymarketAccountEntity } from './entities/anymarket-account.entity.js';
import { SellerLinkEntity } from './entities/seller-link.entity.js';
import { SellerStandings } from './seller-standings.js';

export type SellerLinkStandingName = 'active' | 'stopped' | 'revoked';

/** A link with its integration secret in clear: only ever returned by create and rotate, once. */
export interface IssuedSellerLink {
  link: SellerLinkEntity;
  secret: string;
}

/** Admin side of seller links: who may activate the ANYMARKET module, and with which secret. */
@Injectable()
export class SellerLinksService {
  private readonly logger = new Logger('SellerLinks');

  constructor(
    @InjectRepository(SellerLinkEntity) private readonly links: Repository<SellerLinkEntity>,
    private readonly standings: SellerStandings,
    private readonly dataSource: DataSource,
  ) {}

  /** Seller links by standing: `active`, `stopped` (Marketplacer says the seller may not trade), `revoked`; one grouped query. */
  async countsByStanding(): Promise<Record<SellerLinkStandingName, number>> {
    const rows = await this.links
      .createQueryBuilder('link')
      .select(`CASE WHEN link.revoked_at IS NOT NULL THEN 'revoked' WHEN link.seller_inactive_reason IS NOT NULL THEN 'stopped' ELSE 'active' END`, 'standing')
      .addSelect('COUNT(*)', 'count')
      .groupBy('standing')
      .getRawMany<{ standing: SellerLinkStandingName; count: string | number }>();
    const counts: Record<SellerLinkStandingName, number> = { active: 0, stopped: 0, revoked: 0 };
    for (const row of rows) counts[row.standing] = Number(row.count);
    return counts;
  }

  /** Links an existing, active Marketplacer seller (by global or legacy id, read afresh) and issues its secret. */
  async create(sellerReference: string): Promise<IssuedSellerLink> {
    return this.issue(await this.activeSeller(sellerReference.trim()), null);
  }

  /**
   * Links `seller` as Marketplacer just answered it and issues the secret. A seller that may not
   * trade yet (a PROSPECTIVE one an admin onboarded) is linked with the directory's reason
   * (`sellerInactiveReason`): its accounts start once the directory sees it approved.
   */
  async issue(seller: MarketplacerSeller, sellerInactiveReason: string | null): Promise<IssuedSellerLink> {
    // Two links for one seller at once: the loser of the insert finds the winner's link and refuses (409).
    return settledOnUniqueKey(() => this.issueOnce(seller, sellerInactiveReason));
  }

  private async issueOnce(seller: MarketplacerSeller, sellerInactiveReason: string | null): Promise<IssuedSellerLink> {
    const existing = await this.links.findOneBy({ sellerId: seller.id, revokedAt: IsNull() });
    if (existing) {
      throw accountsErrors.sellerAlreadyLinked(seller.id, existing.id);
    }
    const secret = generateSecret();
    const link = await this.links.save(
      this.links.create({
        sellerId: seller.id,
        sellerLegacyId: seller.legacyId,
        sellerBusinessName: seller.businessName,
        secretHash: await hashSecret(secret),
        anymarketOi: null,
        boundAt: null,
        createdAt: new Date(),
        secretRotatedAt: null,
        revokedAt: null,
        sellerInactiveReason,
        sellerInactiveSince: sellerInactiveReason === null ? null : new Date(),
      }),
    );
    this.logger.log({ msg: 'seller link created', linkId: link.id, sellerId: seller.id });
    return { link, secret };
  }

  list(status?: 'active' | 'revoked'): Promise<SellerLinkEntity[]> {
    const where = status === 'active' ? { revokedAt: IsNull() } : status === 'revoked' ? { revokedAt: Not(IsNull()) } : {};
    return this.links.find({ where, order: { id: 'ASC' } });
  }

  /** The links of these Marketplacer sellers (global ids), oldest first. */
  listOfSellers(sellerIds: string[]): Promise<SellerLinkEntity[]> {
    return sellerIds.length ? this.links.find({ where: { sellerId: In(sellerIds) }, order: { id: 'ASC' } }) : Promise.resolve([]);
  }

  async get(id: number): Promise<SellerLinkEntity> {
    const link = await this.links.findOneBy({ id });
    if (!link) throw accountsErrors.sellerLinkNotFound(id);
    return link;
  }

  /** A new secret for an active link; the previous one stops working at once. The bound `oi` stays. */
  async rotateSecret(id: number): Promise<IssuedSellerLink> {
    const link = await this.get(id);
    if (link.revokedAt) throw accountsErrors.sellerLinkRevoked(id);
    const secret = generateSecret();
    link.secretHash = await hashSecret(secret);
    link.secretRotatedAt = new Date();
    await this.links.save(link);
    this.logger.log({ msg: 'seller link secret rotated', linkId: id });
    return { link, secret };
  }

  /**
   * Revokes a link: it no longer authenticates, and its accounts are deactivated (kept, for history
   * and a later re-link). Revoking a revoked link changes nothing.
   */
  async revoke(id: number): Promise<SellerLinkEntity> {
    const link = await this.get(id);
    if (link.revokedAt) return link;
    const now = new Date();
    const deactivated = await this.dataSource.transaction(async (manager) => {
      await manager.update(SellerLinkEntity, { id }, { revokedAt: now });
      const result = await manager.update(AnymarketAccountEntity, { sellerLinkId: id, active: true }, { active: false, updatedAt: now });
      return result.affected ?? 0;
    });
    this.logger.log({ msg: 'seller link revoked', linkId: id, deactivatedAccounts: deactivated });
    return { ...link, revokedAt: now };
  }

  private async activeSeller(reference: string): Promise<MarketplacerSeller> {
    const seller = await this.standings.readNow(reference);
    if (!seller) throw accountsErrors.sellerNotFound(reference);
    if (!seller.active) throw accountsErrors.sellerInactive(seller.id, seller.businessName);
    return seller;
  }
}
