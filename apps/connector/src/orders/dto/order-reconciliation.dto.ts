import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { MayBeOmitted, PageQuery } from '#common';
import { ORDER_STATUSES, type OrderStatus } from '#anymarket';
import { FINDING_KINDS, type FindingKind, type OrderReconciliationFindingEntity } from '../reconciliation/order-reconciliation-finding.entity.js';
import { RECONCILIATION_OUTCOMES, type OrderReconciliationEntity, type ReconciliationOutcome } from '../reconciliation/order-reconciliation.entity.js';

export class ListReconciliationsQuery extends PageQuery {}

export class ListReconciliationFindingsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: FINDING_KINDS, description: 'Only findings of this kind', example: 'unknown' })
  @MayBeOmitted()
  @IsIn(FINDING_KINDS)
  kind?: FindingKind;
}

export class ReconciliationFindingCountsDto {
  @ApiProperty({ description: 'ANYMARKET orders the connector does not know (reported)' }) unknown: number;
  @ApiProperty({ description: 'ANYMARKET statuses behind what the invoice calls for (moved forward)' }) behind: number;
  @ApiProperty({ description: 'ANYMARKET statuses past what the invoice calls for, not told to the connector (reported, never moved back)' }) ahead: number;
  @ApiProperty({ description: 'Paid orders ANYMARKET does not have (pushed again)' }) missing: number;
}

export class ReconciliationRepairCountsDto {
  @ApiProperty({ description: "Orders whose work was queued again to move ANYMARKET's status forward" }) movedForward: number;
  @ApiProperty({ description: 'Paid orders pushed again' }) pushedAgain: number;
  @ApiProperty({ description: "Orders whose status as known here was corrected to ANYMARKET's (it already had what the invoice calls for)" })
  statusAdopted: number;
}

/** One account's last orders reconciliation. */
export class OrderReconciliationDto {
  @ApiProperty({ example: 1, description: "The connector's account id (`id` of GET /admin/accounts)" }) accountId: number;
  @ApiProperty({ description: 'When its last run started' }) lastStartedAt: string;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'When its last run ended (null while the first one runs)' }) lastFinishedAt: string | null;
  @ApiPropertyOptional({
    nullable: true,
    enum: RECONCILIATION_OUTCOMES,
    description: "complete: ANYMARKET's whole list compared; capped: only its first pages (no order pushed again); failed: see lastError",
  })
  outcome: ReconciliationOutcome | null;
  @ApiPropertyOptional({ nullable: true, type: String }) lastError: string | null;
  @ApiProperty({ description: 'ANYMARKET orders of the account compared by the last run' }) ordersCompared: number;
  @ApiProperty({ type: ReconciliationFindingCountsDto, description: 'What the last run found, by kind' }) findings: ReconciliationFindingCountsDto;
  @ApiProperty({ type: ReconciliationRepairCountsDto, description: 'What the last run repaired' }) repairs: ReconciliationRepairCountsDto;

  static from(run: OrderReconciliationEntity): OrderReconciliationDto {
    return {
      accountId: run.accountId,
      lastStartedAt: run.lastStartedAt.toISOString(),
      lastFinishedAt: run.lastFinishedAt?.toISOString() ?? null,
      outcome: run.outcome,
      lastError: run.lastError,
      ordersCompared: run.ordersCompared,
      findings: { unknown: run.unknownCount, behind: run.behindCount, ahead: run.aheadCount, missing: run.missingCount },
      repairs: { movedForward: run.movedForward, pushedAgain: run.pushedAgain, statusAdopted: run.statusAdopted },
    };
  }
}

export class OrderReconciliationFindingDto {
  @ApiProperty({ example: 7 }) id: number;
  @ApiProperty({ enum: FINDING_KINDS, description: 'unknown, behind, ahead or missing' }) kind: FindingKind;
  @ApiProperty({ example: '10363', description: "The order's marketPlaceId (the invoice's legacy id for the connector's orders)" }) marketPlaceId: string;
  @ApiPropertyOptional({ nullable: true, type: String, description: "ANYMARKET's order id, when ANYMARKET has the order" }) anymarketOrderId: string | null;
  @ApiPropertyOptional({ nullable: true, type: Number, description: "The connector's order (`/admin/orders/{id}`), when it has one" }) orderId: number | null;
  @ApiPropertyOptional({ nullable: true, enum: ORDER_STATUSES, description: "The status in ANYMARKET's list" }) anymarketStatus: OrderStatus | null;
  @ApiPropertyOptional({ nullable: true, enum: ORDER_STATUSES, description: 'The status the connector believed ANYMARKET had' })
  knownStatus: OrderStatus | null;
  @ApiPropertyOptional({ nullable: true, enum: ORDER_STATUSES, description: 'The status the invoice calls for' }) targetStatus: OrderStatus | null;
  @ApiPropertyOptional({ nullable: true, enum: ['moved-forward', 'pushed-again'], description: 'What was done (null: reported only)' }) repair: string | null;
  @ApiProperty() firstSeenAt: string;
  @ApiProperty() lastSeenAt: string;

  static from(finding: OrderReconciliationFindingEntity): OrderReconciliationFindingDto {
    return {
      id: finding.id,
      kind: finding.kind,
      marketPlaceId: finding.marketPlaceId,
      anymarketOrderId: finding.anymarketOrderId,
      orderId: finding.orderId,
      anymarketStatus: finding.anymarketStatus,
      knownStatus: finding.knownStatus,
      targetStatus: finding.targetStatus,
      repair: finding.repair,
      firstSeenAt: finding.firstSeenAt.toISOString(),
      lastSeenAt: finding.lastSeenAt.toISOString(),
    };
  }
}

/** One account's reconciliation: its last run and the findings its runs still see. */
export class OrderReconciliationDetailDto {
  @ApiProperty({ example: 1 }) accountId: number;
  @ApiPropertyOptional({ nullable: true, type: OrderReconciliationDto, description: 'Null until its first run' }) lastRun: OrderReconciliationDto | null;
  @ApiProperty({ type: [OrderReconciliationFindingDto], description: 'Findings still seen, newest first (page backwards with beforeId)' })
  findings: OrderReconciliationFindingDto[];
}
