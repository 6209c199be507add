import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, type Repository } from 'typeorm';
import { APP_CONFIG, hashSecret, verifySecret } from '#common';
import type { AccountsConfig } from './accounts.config.js';
import { accountsErrors, type AccountsError } from './accounts.errors.js';
import type { ActivationCredentials } from './activation-credentials.js';
import { SellerLinkEntity } from './entities/seller-link.entity.js';
import { SellerStandings } from './seller-standings.js';

/**
 * Decides whether the caller of an activation remote is a linked seller: the module-screen store id
 * and secret match an active link, the link is (or becomes) bound to the caller's organisation, and
 * the seller may still trade in Marketplacer, as the seller directory says (from its copy while it
 * is fresh: no Marketplacer request per call). Every refusal is the same `401 false` to ANYMARKET;
 * the reason is logged (never the secret).
 */
@Injectable()
export class SellerIdentityService {
  private readonly logger = new Logger('SellerIdentity');
  /** Verified against when no link matches, so an unknown store id costs the same time as a wrong secret. */
  private readonly decoyHash: Promise<string> = hashSecret('decoy');

  constructor(
    @InjectRepository(SellerLinkEntity) private readonly links: Repository<SellerLinkEntity>,
    private readonly standings: SellerStandings,
    @Inject(APP_CONFIG) private readonly config: AccountsConfig,
  ) {}

  /** The caller's seller link (bound to `oi` from now on), or SELLER_NOT_IDENTIFIED. */
  async identify(oi: string, credentials: ActivationCredentials): Promise<SellerLinkEntity> {
    const { storeId, password } = credentials;
    if (storeId === undefined || password === undefined) {
      const fields = `${this.config.accountAuthFieldStoreId}/${this.config.accountAuthFieldPassword}`;
      throw this.refuse(`the module-screen fields ${fields} are missing or empty`, { oi });
    }
    const link = await this.activeLinkFor(storeId);
    const secretMatches = await verifySecret(password, link?.secretHash ?? (await this.decoyHash));
    if (!link) throw this.refuse('no active seller link has this store id', { oi, storeId });
    const context = { oi, storeId, linkId: link.id };
    if (!secretMatches) throw this.refuse('wrong password for the store id', context);
    if (link.anymarketOi !== null && link.anymarketOi !== oi)
      throw this.refuse(`the link is bound to another ANYMARKET organisation (${link.anymarketOi})`, context);
    const standing = await this.standings.standingOf(link.sellerId);
    if (!standing.active) throw this.refuse(standing.inactiveReason ?? 'the seller may not trade in Marketplacer', context);
    return link.anymarketOi === null ? this.bind(link, oi) : link;
  }

  /** The store id is the legacy id; a seller who typed the global id is found too. */
  private activeLinkFor(storeId: string): Promise<SellerLinkEntity | null> {
    const where = /^\d{1,15}$/.test(storeId) ? { sellerLegacyId: Number(storeId) } : { sellerId: storeId };
    return this.links.findOneBy({ ...where, revokedAt: IsNull() });
  }

  /** First successful check: the link belongs to this organisation from now on (atomically: one winner). */
  private async bind(link: SellerLinkEntity, oi: string): Promise<SellerLinkEntity> {
    const boundAt = new Date();
    const result = await this.links.update({ id: link.id, anymarketOi: IsNull() }, { anymarketOi: oi, boundAt });
    if (result.affected === 1) {
      this.logger.log({ msg: 'seller link bound to an ANYMARKET organisation', linkId: link.id, oi });
      return { ...link, anymarketOi: oi, boundAt };
    }
    const current = await this.links.findOneByOrFail({ id: link.id });
    if (current.anymarketOi !== oi) throw this.refuse('another ANYMARKET organisation bound the link first', { oi, linkId: link.id });
    return current;
  }

  private refuse(reason: string, context: Record<string, unknown>): AccountsError {
    this.logger.warn({ msg: 'activation refused: seller not identified', reason, ...context });
    return accountsErrors.sellerNotIdentified(reason);
  }
}
