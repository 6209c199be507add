import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { LessThan, type FindOptionsWhere, type Repository } from 'typeorm';
import type { OrderStatus } from '#anymarket';
import { settledOnUniqueKey } from '#common';
import { OrderReconciliationEntity, type ReconciliationOutcome } from './order-reconciliation.entity.js';
import { FINDING_KINDS, OrderReconciliationFindingEntity, type FindingKind, type FindingRepair } from './order-reconciliation-finding.entity.js';

/** What one account's run counted. */
export interface ReconciliationCounts {
  ordersCompared: number;
  unknownCount: number;
  behindCount: number;
  aheadCount: number;
  missingCount: number;
  movedForward: number;
  pushedAgain: number;
  statusAdopted: number;
}

export const NO_RECONCILIATION_COUNTS: ReconciliationCounts = {
  ordersCompared: 0,
  unknownCount: 0,
  behindCount: 0,
  aheadCount: 0,
  missingCount: 0,
  movedForward: 0,
  pushedAgain: 0,
  statusAdopted: 0,
};

/** One divergence as a run saw it. */
export interface SeenFinding {
  kind: FindingKind;
  marketPlaceId: string;
  anymarketOrderId: string | null;
  orderId: number | null;
  anymarketStatus: OrderStatus | null;
  knownStatus: OrderStatus | null;
  targetStatus: OrderStatus | null;
  repair: FindingRepair;
}

/** The orders reconciliation's tables: each account's last run, and the findings its runs keep seeing. */
@Injectable()
export class OrderReconciliationStore {
  constructor(
    @InjectRepository(OrderReconciliationEntity) private readonly runs: Repository<OrderReconciliationEntity>,
    @InjectRepository(OrderReconciliationFindingEntity) private readonly findings: Repository<OrderReconciliationFindingEntity>,
  ) {}

  /** The accounts' records (of those given), for the schedule. */
  async lastStarts(accountIds: number[]): Promise<Map<number, Date>> {
    if (accountIds.length === 0) return new Map();
    const rows = await this.runs
      .createQueryBuilder('r')
      .select(['r.accountId', 'r.lastStartedAt'])
      .where('r.account_id IN (:...ids)', { ids: accountIds })
      .getMany();
    return new Map(rows.map((row) => [row.accountId, row.lastStartedAt]));
  }

  /** Records that the account's run started now (its previous run's counts stay until it ends). */
  async started(accountId: number, at: Date): Promise<void> {
    await settledOnUniqueKey(async () => {
      const existing = await this.runs.findOneBy({ accountId });
      if (existing) await this.runs.update({ accountId }, { lastStartedAt: at });
      else await this.runs.insert({ accountId, lastStartedAt: at, lastFinishedAt: null, outcome: null, lastError: null, ...NO_RECONCILIATION_COUNTS });
    });
  }

  async finished(accountId: number, outcome: ReconciliationOutcome, counts: ReconciliationCounts, lastError: string | null, at: Date): Promise<void> {
    await this.runs.update({ accountId }, { outcome, lastError, lastFinishedAt: at, ...counts });
  }

  /** Records a run that could not start (the account has no ANYMARKET token): it waits for its next slot, not every tick. */
  async couldNotRun(accountId: number, reason: string, at: Date): Promise<void> {
    await this.started(accountId, at);
    await this.finished(accountId, 'failed', { ...NO_RECONCILIATION_COUNTS }, reason, at);
  }

  /** Keeps a finding (first seen now, or seen again); true when it is new. */
  async seen(accountId: number, finding: SeenFinding, at: Date): Promise<boolean> {
    return settledOnUniqueKey(async () => {
      const key = { accountId, kind: finding.kind, marketPlaceId: finding.marketPlaceId };
      const existing = await this.findings.findOneBy(key);
      if (existing) {
        await this.findings.update({ id: existing.id }, { ...finding, lastSeenAt: at });
        return false;
      }
      await this.findings.insert({ ...finding, accountId, firstSeenAt: at, lastSeenAt: at });
      return true;
    });
  }

  /** Drops the account's findings a complete run started at `since` did not see again. */
  async dropUnseen(accountId: number, since: Date): Promise<void> {
    await this.findings.delete({ accountId, lastSeenAt: LessThan(since) });
  }

  get(accountId: number): Promise<OrderReconciliationEntity | null> {
    return this.runs.findOneBy({ accountId });
  }

  /** Accounts' records, highest account id first, `limit` at most, below `beforeAccountId` when paging. */
  list(page: { limit: number; beforeAccountId?: number }): Promise<OrderReconciliationEntity[]> {
    const where: FindOptionsWhere<OrderReconciliationEntity> = {};
    if (page.beforeAccountId !== undefined) where.accountId = LessThan(page.beforeAccountId);
    return this.runs.find({ where, order: { accountId: 'DESC' }, take: page.limit });
  }

  /** The account's findings, newest first (`limit` at most, below `beforeId` when paging). */
  findingsOf(accountId: number, page: { limit: number; beforeId?: number; kind?: FindingKind }): Promise<OrderReconciliationFindingEntity[]> {
    const where: FindOptionsWhere<OrderReconciliationFindingEntity> = { accountId };
    if (page.kind !== undefined) where.kind = page.kind;
    if (page.beforeId !== undefined) where.id = LessThan(page.beforeId);
    return this.findings.find({ where, order: { id: 'DESC' }, take: page.limit });
  }

  /** Findings of every account by kind (each kind present, zero when none): one query. */
  async countsByKind(): Promise<Record<FindingKind, number>> {
    const rows = await this.findings
      .createQueryBuilder('f')
      .select('f.kind', 'kind')
      .addSelect('COUNT(*)', 'count')
      .groupBy('f.kind')
      .getRawMany<{ kind: FindingKind; count: string | number }>();
    const counts = Object.fromEntries(FINDING_KINDS.map((kind) => [kind, 0])) as Record<FindingKind, number>;
    for (const row of rows) if (row.kind in counts) counts[row.kind] = Number(row.count);
    return counts;
  }
}
