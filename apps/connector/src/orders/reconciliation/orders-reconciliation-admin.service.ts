import { Injectable } from '@nestjs/common';
import { AccountsService } from '../../accounts/index.js';
import {
  OrderReconciliationDto,
  OrderReconciliationFindingDto,
  type ListReconciliationFindingsQuery,
  type ListReconciliationsQuery,
  type OrderReconciliationDetailDto,
} from '../dto/order-reconciliation.dto.js';
import { ordersErrors } from '../orders.errors.js';
import { OrderReconciler } from './order-reconciler.js';
import { OrderReconciliationStore } from './order-reconciliation.store.js';

/** The orders reconciliation for admins: each account's last run, its findings, and a run now. */
@Injectable()
export class OrdersReconciliationAdminService {
  constructor(
    private readonly store: OrderReconciliationStore,
    private readonly accounts: AccountsService,
    private readonly reconciler: OrderReconciler,
  ) {}

  async list(query: ListReconciliationsQuery): Promise<OrderReconciliationDto[]> {
    return (await this.store.list({ limit: query.limit, beforeAccountId: query.beforeId })).map(OrderReconciliationDto.from);
  }

  /** ACCOUNT_NOT_FOUND for an account the connector does not have. */
  async get(accountId: number, query: ListReconciliationFindingsQuery): Promise<OrderReconciliationDetailDto> {
    await this.accounts.getForAdmin(accountId);
    const run = await this.store.get(accountId);
    const findings = await this.store.findingsOf(accountId, { limit: query.limit, beforeId: query.beforeId, kind: query.kind });
    return { accountId, lastRun: run && OrderReconciliationDto.from(run), findings: findings.map(OrderReconciliationFindingDto.from) };
  }

  /** Reconciles the account now, whatever its slot; answers what it found. */
  async run(accountId: number, query: ListReconciliationFindingsQuery): Promise<OrderReconciliationDetailDto> {
    await this.accounts.getForAdmin(accountId);
    const account = await this.accounts.findActiveAccountById(accountId);
    if (!account) throw ordersErrors.reconciliationAccountInactive(accountId);
    await this.reconciler.reconcile(account);
    return this.get(accountId, query);
  }
}
