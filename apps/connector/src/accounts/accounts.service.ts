import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { FindOptionsWhere, Repository } from 'typeorm';
import { SecretCipher, settledOnUniqueKey } from '#common';
import { assertSensibleSettings, settingsFrom, settingsOf, type AccountSettings } from './account-settings.js';
import { actsFor, linkUsable } from './account-standing.js';
import { accountsErrors } from './accounts.errors.js';
import type { SaveAccountDto } from './dto/activation.dto.js';
import { AnymarketAccountEntity } from './entities/anymarket-account.entity.js';
import type { SellerLinkEntity } from './entities/seller-link.entity.js';

/** An active ANYMARKET account, ready for the contexts that call ANYMARKET or act for its seller. */
export interface ActiveAnymarketAccount {
  /** The connector's own id of the account. */
  id: number;
  oi: string;
  /** ANYMARKET account id (`idAccount` of the remotes), as a decimal string. */
  idAccount: string;
  settings: AccountSettings;
  /** The seller's ANYMARKET token in clear (for the marketplace API's `token` header); null if none was sent. */
  anymarketToken: string | null;
  country: string | null;
  seller: { linkId: number; sellerId: string; sellerLegacyId: number; businessName: string };
}

export interface AccountWithLink {
  account: AnymarketAccountEntity;
  link: SellerLinkEntity;
}

/**
 * ANYMARKET accounts: stored by saveAccount, read by the other contexts (decrypted token included)
 * and by admins (never the token).
 */
@Injectable()
export class AccountsService {
  private readonly logger = new Logger('Accounts');

  constructor(
    @InjectRepository(AnymarketAccountEntity) private readonly accounts: Repository<AnymarketAccountEntity>,
    private readonly cipher: SecretCipher,
  ) {}

  /**
   * The account (oi, idAccount) if it is active and its seller link is not revoked, else null.
   * `idAccount` as the remotes carry it (query strings are text; numbers are accepted too).
   */
  async findActiveAccount(oi: string, idAccount: string | number): Promise<ActiveAnymarketAccount | null> {
    const found = await this.accounts.findOne({ where: { oi, idAccount: String(idAccount), active: true }, relations: { sellerLink: true } });
    return found && linkUsable(found.sellerLink!) ? this.toActive(found) : null;
  }

  /** The active account with the connector's own `id` (a sync job's account key), or null. */
  async findActiveAccountById(id: number): Promise<ActiveAnymarketAccount | null> {
    const found = await this.accounts.findOne({ where: { id, active: true }, relations: { sellerLink: true } });
    return found && linkUsable(found.sellerLink!) ? this.toActive(found) : null;
  }

  /** The ids of the active accounts of non-revoked links: cheap (nothing decrypted), for scheduling. */
  async listActiveAccountIds(): Promise<number[]> {
    const rows = await this.accounts
      .createQueryBuilder('account')
      .innerJoin('account.sellerLink', 'link')
      .select('account.id', 'id')
      .where('account.active = :active', { active: true })
      .andWhere('link.revoked_at IS NULL')
      .andWhere('link.seller_inactive_reason IS NULL')
      .orderBy('account.id', 'ASC')
      .getRawMany<{ id: number | string }>();
    return rows.map((row) => Number(row.id));
  }

  /**
   * The account a remote means: the caller's (`oi`, from its token) active account `idAccount`, or,
   * when none is given, the organisation's only active account. Else ANYMARKET_ACCOUNT_NOT_FOUND (404):
   * no such account, or several to choose from.
   */
  async callerAccount(oi: string, idAccount: string | undefined): Promise<ActiveAnymarketAccount> {
    const given = idAccount?.trim();
    const account = given !== undefined ? await this.findActiveAccount(oi, given) : await this.onlyActiveAccountOf(oi);
    if (!account) throw accountsErrors.callerAccountNotFound(oi, given);
    return account;
  }

  /** Every active account of the caller's organisation, oldest first; ANYMARKET_ACCOUNT_NOT_FOUND (404) when it has none. */
  async callerAccounts(oi: string): Promise<ActiveAnymarketAccount[]> {
    const accounts = await this.listActiveAccountsOf(oi);
    if (accounts.length === 0) throw accountsErrors.noCallerAccount(oi);
    return accounts;
  }

  private async onlyActiveAccountOf(oi: string): Promise<ActiveAnymarketAccount | null> {
    const candidates = await this.listActiveAccountsOf(oi);
    return candidates.length === 1 ? candidates[0] : null;
  }

  /** The active accounts of one organisation (non-revoked links), oldest first. */
  async listActiveAccountsOf(oi: string): Promise<ActiveAnymarketAccount[]> {
    const found = await this.accounts.find({ where: { oi, active: true }, relations: { sellerLink: true }, order: { id: 'ASC' } });
    return found.filter((account) => linkUsable(account.sellerLink!)).map((account) => this.toActive(account));
  }

  /**
   * The active accounts (non-revoked links) of each of these Marketplacer sellers (global ids), oldest
   * first: whose orders are whose. Sellers with none are absent from the map.
   */
  async listActiveAccountsOfSellers(sellerIds: string[]): Promise<Map<string, ActiveAnymarketAccount[]>> {
    const bySeller = new Map<string, ActiveAnymarketAccount[]>();
    if (sellerIds.length === 0) return bySeller;
    const found = await this.accounts
      .createQueryBuilder('account')
      .innerJoinAndSelect('account.sellerLink', 'link')
      .where('account.active = :active', { active: true })
      .andWhere('link.revoked_at IS NULL')
      .andWhere('link.seller_inactive_reason IS NULL')
      .andWhere('link.seller_id IN (:...sellerIds)', { sellerIds: [...new Set(sellerIds)] })
      .orderBy('account.id', 'ASC')
      .getMany();
    for (const account of found) {
      const active = this.toActive(account);
      bySeller.set(active.seller.sellerId, [...(bySeller.get(active.seller.sellerId) ?? []), active]);
    }
    return bySeller;
  }

  /** Stores or updates the account that saveAccount describes, for the identified seller link. */
  async saveFromActivation(oi: string, link: SellerLinkEntity, body: SaveAccountDto): Promise<AnymarketAccountEntity> {
    // Two saveAccount calls for one new account at once: the one that loses the insert updates the winner's row.
    return settledOnUniqueKey(() => this.storeFromActivation(oi, link, body));
  }

  private async storeFromActivation(oi: string, link: SellerLinkEntity, body: SaveAccountDto): Promise<AnymarketAccountEntity> {
    const idAccount = String(body.id);
    const existing = await this.accounts.findOneBy({ oi, idAccount });
    const now = new Date();
    const token = body.user?.token;
    const settings = settingsFrom(body, existing ?? undefined);
    assertSensibleSettings(settings);
    const saved = await this.accounts.save(
      this.accounts.create({
        ...existing,
        ...settings,
        oi,
        idAccount,
        sellerLinkId: link.id,
        active: body.active,
        tokenEncrypted: token !== undefined ? this.cipher.encrypt(token) : this.keptToken(existing?.tokenEncrypted ?? null),
        country: body.user ? (body.user.country ?? null) : (existing?.country ?? null),
        createdAt: existing?.createdAt ?? now,
        updatedAt: now,
      }),
    );
    this.logger.log({
      msg: existing ? 'ANYMARKET account updated' : 'ANYMARKET account created',
      accountId: saved.id,
      oi,
      idAccount,
      active: saved.active,
      linkId: link.id,
    });
    return saved;
  }

  /** Accounts for admins; `active` filters on whether the connector acts for them (see `actsFor`). */
  async listForAdmin(filter: { oi?: string; active?: boolean }): Promise<AccountWithLink[]> {
    const where: FindOptionsWhere<AnymarketAccountEntity> = {};
    if (filter.oi !== undefined) where.oi = filter.oi;
    const found = await this.accounts.find({ where, relations: { sellerLink: true }, order: { id: 'ASC' } });
    return found
      .map((account) => ({ account, link: account.sellerLink! }))
      .filter((pair) => filter.active === undefined || actsFor(pair.account, pair.link) === filter.active);
  }

  async getForAdmin(id: number): Promise<AccountWithLink> {
    const account = await this.accounts.findOne({ where: { id }, relations: { sellerLink: true } });
    if (!account) throw accountsErrors.accountNotFound(id);
    return { account, link: account.sellerLink! };
  }

  /**
   * Stops the connector from acting for the account. ANYMARKET can turn it on again with a
   * saveAccount `active: true`; to shut a seller out for good, revoke its seller link.
   */
  async deactivate(id: number): Promise<AccountWithLink> {
    const found = await this.getForAdmin(id);
    if (found.account.active) {
      await this.accounts.update({ id }, { active: false, updatedAt: new Date() });
      this.logger.log({ msg: 'ANYMARKET account deactivated by an admin', accountId: id });
    }
    return this.getForAdmin(id);
  }

  /** A token kept from before, re-encrypted if it was written under a previous ENCRYPTION_KEY. */
  private keptToken(stored: string | null): string | null {
    return stored !== null && this.cipher.needsReencryption(stored) ? this.cipher.encrypt(this.cipher.decrypt(stored)) : stored;
  }

  private toActive(account: AnymarketAccountEntity): ActiveAnymarketAccount {
    const link = account.sellerLink!;
    return {
      id: account.id,
      oi: account.oi,
      idAccount: account.idAccount,
      settings: settingsOf(account),
      anymarketToken: account.tokenEncrypted === null ? null : this.cipher.decrypt(account.tokenEncrypted),
      country: account.country,
      seller: { linkId: link.id, sellerId: link.sellerId, sellerLegacyId: link.sellerLegacyId, businessName: link.sellerBusinessName },
    };
  }
}
