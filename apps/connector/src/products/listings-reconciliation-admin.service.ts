import { Injectable } from '@nestjs/common';
import { AccountsService, accountInactiveReasonOf } from '../accounts/index.js';
import { ListingReconciliationDetailDto, ListingReconciliationDto, type ListReconciliationsQuery } from './dto/listing-reconciliation.dto.js';
import { ListingReconciliationStore } from './listing-reconciliation.store.js';
import { ListingsReconciler } from './listings-reconciler.js';
import { productsErrors } from './products.errors.js';

/** What admins see and do of the listings reconciliation, per account. */
@Injectable()
export class ListingsReconciliationAdminService {
  constructor(
    private readonly accounts: AccountsService,
    private readonly records: ListingReconciliationStore,
    private readonly reconciler: ListingsReconciler,
  ) {}

  async list(query: ListReconciliationsQuery): Promise<ListingReconciliationDto[]> {
    return (await this.records.list({ limit: query.limit, beforeAccountId: query.beforeAccountId })).map((row) => ListingReconciliationDto.from(row));
  }

  /** The account's last pass; ACCOUNT_NOT_FOUND (404) for an unknown account, RECONCILIATION_NOT_RUN (404) before its first. */
  async get(accountId: number): Promise<ListingReconciliationDetailDto> {
    await this.accounts.getForAdmin(accountId);
    const row = await this.records.get(accountId);
    if (!row) throw productsErrors.reconciliationNotRun(accountId);
    return ListingReconciliationDetailDto.withAdverts(row);
  }

  /** Reconciles the account now; ACCOUNT_NOT_FOUND (404), or ACCOUNT_NOT_ACTIVE (409) when the connector does not act for it. */
  async run(accountId: number): Promise<ListingReconciliationDetailDto> {
    const { account, link } = await this.accounts.getForAdmin(accountId);
    const reason = accountInactiveReasonOf(account, link);
    const active = reason === null ? await this.accounts.findActiveAccountById(accountId) : null;
    if (!active) throw productsErrors.accountCannotReconcile(accountId, reason ?? 'the connector does not act for it');
    await this.reconciler.reconcile(active);
    return this.get(accountId);
  }
}
