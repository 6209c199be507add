import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, Min, Max } from 'class-validator';
import { PageQuery, MayBeOmitted, MAX_ROW_ID } from '#common';
import { ORDER_STATUSES, type OrderStatus } from '#anymarket';
import { ShipmentDto } from '../../shipments/index.js';
import { ORDER_STATES, type OrderState } from '../entities/order.entity.js';

export class ListOrdersQuery extends PageQuery {
  @ApiPropertyOptional({ description: "Only this account's orders (the connector's account id: `id` of GET /admin/accounts)", example: 1 })
  @MayBeOmitted()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_ROW_ID)
  accountId?: number;

  @ApiPropertyOptional({
    enum: ORDER_STATES,
    description: 'Only orders in this state (unrouted: the seller has several accounts and no default)',
    example: 'error',
  })
  @MayBeOmitted()
  @IsIn(ORDER_STATES)
  state?: OrderState;

  @ApiPropertyOptional({ enum: ORDER_STATUSES, description: 'Only orders with this status in ANYMARKET', example: 'PAID' })
  @MayBeOmitted()
  @IsIn(ORDER_STATUSES)
  status?: OrderStatus;
}

export class OrderRefundDto {
  @ApiProperty({ description: 'Marketplacer refund request (global id)' }) id: string;
  @ApiProperty({ example: 'REFUNDED', description: 'RefundRequestStatusEnum' }) status: string;
  @ApiProperty() updatedAt: string;
  @ApiPropertyOptional({ nullable: true, type: Number, description: 'Refunded in cash, in cents' }) cashAmountCents: number | null;
  @ApiProperty({ description: 'Refunded lines: invoice line, quantity, status, amount in cents', type: 'array', items: { type: 'object' } })
  lines: Array<{ lineItemId: string | null; quantity: number | null; status: string | null; amountCents: number }>;
}

export class OrderTrackingDto {
  @ApiPropertyOptional({ example: 'Correios', description: "The carrier (the newest shipment's)" }) carrier?: string;
  @ApiPropertyOptional({ example: 'BR71SP, BR72SP', description: 'Every tracking number, joined with ", "' }) number?: string;
  @ApiPropertyOptional({ example: 'https://rastreamento.correios.com.br/?objeto=BR72SP', description: "The newest shipment's tracking link" }) url?: string;
  @ApiPropertyOptional({ example: '2025-03-11T09:00:00-03:00', description: "The newest shipment's dispatch time" }) shippedDate?: string;
}

export class KnownTrackingDto extends OrderTrackingDto {
  @ApiProperty({
    enum: ['connector', 'anymarket'],
    description: "connector: what the connector's last markAsShipped sent; anymarket: ANYMARKET's own tracking, read back when the seller shipped there",
  })
  origin: 'connector' | 'anymarket';
}

export class TrackingNotDeliveredDto {
  @ApiProperty({ example: 'ANYMARKET answered markAsShipped with 422: …', description: 'Why ANYMARKET does not have it (its answer, or why it was not sent)' })
  reason: string;
  @ApiProperty({ type: OrderTrackingDto, description: 'The tracking that did not reach ANYMARKET (the invoice shipments as they are)' })
  tracking: OrderTrackingDto;
  @ApiProperty() at: string;
}

export class OrderDto {
  @ApiProperty({ example: 12, description: 'The order id (the `{id}` of /admin/orders/{id})' }) id: number;
  @ApiPropertyOptional({ nullable: true, type: Number, description: "The connector's account id; null while unrouted" }) accountId: number | null;
  @ApiProperty({ description: 'Marketplacer invoice (global id)' }) invoiceId: string;
  @ApiProperty({ example: '10363', description: "`marketPlaceId` in ANYMARKET: the invoice's legacy id" }) marketPlaceId: string;
  @ApiProperty({ description: "The invoice's seller (global id)" }) sellerId: string;
  @ApiPropertyOptional({ nullable: true, type: String, description: "ANYMARKET's order id" }) anymarketOrderId: string | null;
  @ApiPropertyOptional({ nullable: true, enum: ORDER_STATUSES, description: 'The status ANYMARKET has (null: not created there yet)' })
  anymarketStatus: OrderStatus | null;
  @ApiProperty({ enum: ORDER_STATUSES, description: 'The status the invoice and its refunds call for' }) targetStatus: OrderStatus;
  @ApiProperty({ enum: ORDER_STATES }) state: OrderState;
  @ApiProperty({ example: 'PARTIALLY_SENT', description: "The invoice's status in Marketplacer" }) invoiceStatus: string;
  @ApiProperty({ description: "The invoice's last change seen" }) invoiceUpdatedAt: string;
  @ApiProperty({ enum: ['none', 'requested', 'partial', 'full', 'denied'], description: 'What its refund requests amount to (full cancels the order)' })
  refunds: string;
  @ApiProperty({ type: [String], description: "Lines sent with Marketplacer's SKU: their variant has no ANYMARKET listing here" }) unlinkedSkus: string[];
  @ApiPropertyOptional({
    nullable: true,
    type: TrackingNotDeliveredDto,
    description:
      "A tracking update (a second shipment, a corrected number) ANYMARKET did not take, or that was not sent to a DELIVERED order; not retried until the tracking changes again or the order is re-pushed. Null: ANYMARKET has the invoice's tracking",
  })
  trackingNotDelivered: TrackingNotDeliveredDto | null;
  @ApiProperty({ description: 'Failed attempts at the current work' }) attempts: number;
  @ApiPropertyOptional({ nullable: true, type: String }) nextAttemptAt: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) lastError: string | null;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'When ANYMARKET last had what the invoice says' }) syncedAt: string | null;
}

export class OrderEventDto {
  @ApiProperty() at: string;
  @ApiProperty({
    enum: ['anymarket', 'marketplacer', 'remote', 'admin', 'reconciliation'],
    description:
      'anymarket: a call to ANYMARKET; marketplacer: a change read; remote: an ANYMARKET request; reconciliation: what the orders reconciliation found or queued',
  })
  source: string;
  @ApiProperty({ example: 'markAsShipped' }) action: string;
  @ApiProperty({ enum: ['ok', 'failed', 'info'] }) outcome: string;
  @ApiPropertyOptional({ nullable: true, type: String }) detail: string | null;
}

export class OrderAnymarketUpdateDto {
  @ApiPropertyOptional({ nullable: true, enum: ORDER_STATUSES, description: 'The status the last updateOrderStatusInMarketPlace announced' })
  announcedStatus: OrderStatus | null;
  @ApiProperty({ enum: ['pending', 'reported'], description: 'pending: still to apply in Marketplacer; reported: transmissionStatus sent' })
  state: 'pending' | 'reported';
  @ApiPropertyOptional({ nullable: true, type: Boolean, description: 'What the last transmissionStatus said' }) reportedSuccess: boolean | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Its errorMessage (why it failed)' }) reportedMessage: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) reportedAt: string | null;
  @ApiProperty({ description: 'Failed attempts at applying it' }) attempts: number;
  @ApiPropertyOptional({ nullable: true, type: String }) lastError: string | null;
  @ApiPropertyOptional({
    nullable: true,
    type: 'object',
    additionalProperties: true,
    description: "ANYMARKET's invoice data (Order.invoice: number, series, accessKey, date, cfop)",
  })
  invoiceData: Record<string, unknown> | null;
  @ApiPropertyOptional({
    nullable: true,
    type: 'object',
    additionalProperties: true,
    description: "The NF-e read from the XML the seller sent (total in cents; the buyer's CPF/CNPJ is not kept)",
  })
  invoiceDocument: Record<string, unknown> | null;
}

export class OrderLineTotalDto {
  @ApiProperty({ description: "The invoice line's global id" }) lineItemId: string;
  @ApiProperty({ description: "The line's items including its postage, in cents (Marketplacer's LineItem.totalCents)" }) totalCents: number;
  @ApiProperty({ description: "The line's share of the postage, in cents" }) postageCents: number;
}

export class OrderLineTotalsDto {
  @ApiProperty({ description: 'Whether Marketplacer answered this detail; false when its schema refuses the query (the order flows without it)' })
  available: boolean;
  @ApiPropertyOptional({ nullable: true, description: 'Why the detail is left out, as the live schema said; null when available' })
  reason: string | null;
  @ApiProperty({ type: [OrderLineTotalDto], description: 'Read live from Marketplacer; empty when unavailable' }) lines: OrderLineTotalDto[];
}

export class OrderDetailDto extends OrderDto {
  @ApiProperty({ type: [OrderRefundDto], description: "The invoice's refund requests as last read" }) refundRequests: OrderRefundDto[];
  @ApiProperty({ type: [OrderEventDto], description: 'What was read from Marketplacer, sent to ANYMARKET and what came back, oldest first' })
  timeline: OrderEventDto[];
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The invoice as last read from Marketplacer (money in cents)' })
  invoice: Record<string, unknown>;
  @ApiPropertyOptional({
    nullable: true,
    type: OrderAnymarketUpdateDto,
    description: 'Changes from ANYMARKET (status remotes, NF-e) and how they were applied; null: none came',
  })
  anymarketUpdate: OrderAnymarketUpdateDto | null;
  @ApiPropertyOptional({ nullable: true, type: KnownTrackingDto, description: 'The tracking ANYMARKET has, as far as the connector knows; null until shipped' })
  anymarketTracking: KnownTrackingDto | null;
  @ApiProperty({ type: [ShipmentDto], description: "The invoice's shipments, made in Marketplacer or by the connector from ANYMARKET's tracking" })
  shipments: ShipmentDto[];
  @ApiProperty({
    type: OrderLineTotalsDto,
    description: "Each line's total including its postage, read live (an optional detail: Marketplacer's schema may refuse it, then it is left out)",
  })
  lineTotals: OrderLineTotalsDto;
}
