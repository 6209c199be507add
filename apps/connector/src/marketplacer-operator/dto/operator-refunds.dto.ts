import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsNotEmpty,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  registerDecorator,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { MayBeOmitted } from '#common';
import { GRAPHQL_MAX_INT, type MarketplacerRefundLine, type MarketplacerRefundRequest } from '#marketplacer';
import { CursorPageQuery } from '../../http/cursor-page.dto.js';
import { IsMarketplacerId, IsMarketplacerLegacyId } from '../../http/marketplacer-ids.js';

/** `RefundRequestStatusEnum`. */
export const REFUND_REQUEST_STATUSES = ['AWAITING', 'RETURNED', 'REFUND_ACCEPTED', 'REFUND_DENIED', 'REFUNDED', 'DENIED', 'PROCESSED'] as const;
/** A repeated query parameter (`?statuses=AWAITING&statuses=RETURNED`) or a comma-separated one, as a list. */
const QueryList = () => Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.split(',').map((part) => part.trim()) : value));

export class ListRefundRequestsQuery extends CursorPageQuery {
  @ApiPropertyOptional({ description: "Only this seller's refund requests: its legacy id (`78`) or global id", example: '78' })
  @MayBeOmitted()
  @IsMarketplacerId('Seller')
  seller?: string;

  @ApiPropertyOptional({
    description: "Only this invoice's refund requests: its legacy id (the invoice number, `10363`) or global id",
    example: '10363',
    type: String,
  })
  @MayBeOmitted()
  @IsMarketplacerLegacyId('Invoice')
  invoice?: number;

  @ApiPropertyOptional({
    enum: REFUND_REQUEST_STATUSES,
    isArray: true,
    description: 'Only refund requests in these statuses (repeat the parameter, or separate them with commas)',
    example: ['AWAITING', 'RETURNED'],
  })
  @MayBeOmitted()
  @QueryList()
  @IsArray()
  @ArrayMaxSize(REFUND_REQUEST_STATUSES.length)
  @IsIn(REFUND_REQUEST_STATUSES, { each: true })
  statuses?: string[];

  @ApiPropertyOptional({ description: 'Only refund requests created at or after this time (ISO 8601)', example: '2026-01-31T00:00:00Z' })
  @MayBeOmitted()
  @IsString()
  @MaxLength(40)
  @IsISO8601({ strict: true })
  createdSince?: string;
}

export class RefundRequestChangesQuery extends CursorPageQuery {
  @ApiProperty({ description: 'Refund requests changed at or after this time (ISO 8601)', example: '2026-01-31T00:00:00Z' })
  @IsString()
  @MaxLength(40)
  @IsISO8601({ strict: true })
  updatedSince: string;
}

/** Notes on a step of a refund request (`notes: [{note}]`); none by default. */
export class RefundNotesDto {
  @ApiPropertyOptional({ type: [String], maxItems: 20, description: 'Notes kept on the refund request with this step', example: ['Devolução recebida no CD'] })
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(1000, { each: true })
  notes: string[] = [];
}

/** Refuses the property when `other` is given too. */
function NotWith(other: string, message = `give either ${other} or $property, not both`): PropertyDecorator {
  return (target, propertyKey) =>
    registerDecorator({
      name: 'notWith',
      target: target.constructor,
      propertyName: propertyKey as string,
      options: { message },
      validator: { validate: (_value: unknown, args) => (args?.object as Record<string, unknown>)[other] === undefined },
    });
}

/** One line: an invoice line given back (`lineItemId`), or a custom amount (`custom`), never both. */
export class RefundLineDto {
  @ApiPropertyOptional({ description: 'The invoice line refunded: its legacy id or global id (`LineItem-…`). Give this or `custom`', example: '52' })
  @ValidateIf((line: RefundLineDto) => line.custom === undefined || line.lineItemId !== undefined)
  @IsMarketplacerId('LineItem')
  lineItemId?: string;

  @ApiProperty({ minimum: 1, description: 'Units (of the line), or times the custom amount', example: 1 })
  @IsInt()
  @Min(1)
  @Max(10_000)
  quantity: number;

  @ApiPropertyOptional({ description: 'Why the line is refunded (required with lineItemId)', example: 'Desistência da compra' })
  @ValidateIf((line: RefundLineDto) => line.lineItemId !== undefined || line.reason !== undefined)
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  @NotWith('custom', '$property belongs to invoice lines (lineItemId), not to custom lines')
  reason?: string;

  @ApiPropertyOptional({ description: 'With lineItemId: false = a cancellation (not shipped), true = a return', example: false })
  @ValidateIf((line: RefundLineDto) => line.lineItemId !== undefined || line.dispatched !== undefined)
  @IsBoolean()
  @NotWith('custom', '$property belongs to invoice lines (lineItemId), not to custom lines')
  dispatched?: boolean;

  @ApiPropertyOptional({ description: 'A custom refund line (not an invoice line): its description. Give this or `lineItemId`', example: 'Frete devolvido' })
  @ValidateIf((line: RefundLineDto) => line.lineItemId === undefined || line.custom !== undefined)
  @IsString()
  @IsNotEmpty()
  @MaxLength(255)
  @NotWith('lineItemId')
  custom?: string;

  @ApiPropertyOptional({ minimum: 0, description: 'With custom: the amount per unit, in cents', example: 1590 })
  @ValidateIf((line: RefundLineDto) => line.custom !== undefined || line.amountPerItemCents !== undefined)
  @IsInt()
  @Min(0)
  @Max(GRAPHQL_MAX_INT)
  @NotWith('lineItemId', '$property belongs to custom lines, not to invoice lines (lineItemId)')
  amountPerItemCents?: number;

  @ApiPropertyOptional({ description: "With custom: only the seller's remittance changes, the buyer gets nothing back", example: false })
  @MayBeOmitted()
  @IsBoolean()
  @NotWith('lineItemId', '$property belongs to custom lines, not to invoice lines (lineItemId)')
  onlyRemittance?: boolean;
}

export class CreateRefundRequestDto extends RefundNotesDto {
  @ApiProperty({
    description:
      'Your id for this refund request (e.g. a UUID), kept on it in Marketplacer as an external id: the same request repeated (after a lost answer) ' +
      'answers the refund request made the first time instead of making another. A new refund request needs a new requestId',
    example: '6f1c2a9e-3b7d-4f21-9a57-0c4d2e8b1f30',
  })
  @IsString()
  @MaxLength(100)
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._:-]*$/, { message: 'requestId must be letters, digits and . _ : - (e.g. a UUID)' })
  requestId: string;

  @ApiProperty({ description: 'The invoice refunded: its legacy id (the invoice number) or global id', example: '10363' })
  @IsMarketplacerId('Invoice')
  invoiceId: string;

  @ApiProperty({ type: [RefundLineDto], minItems: 1, maxItems: 100, description: 'What is given back' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => RefundLineDto)
  lines: RefundLineDto[];
}

export class RefundRefundDto extends RefundNotesDto {
  @ApiPropertyOptional({ minimum: 0, description: 'Refunded to the buyer, in cents (Marketplacer works it out from the lines when omitted)', example: 4550 })
  @MayBeOmitted()
  @IsInt()
  @Min(0)
  @Max(GRAPHQL_MAX_INT)
  cashAmountCents?: number;

  @ApiPropertyOptional({ minimum: 0, description: 'Taken back from the seller (remittance), in cents', example: 4550 })
  @MayBeOmitted()
  @IsInt()
  @Min(0)
  @Max(GRAPHQL_MAX_INT)
  recoveredAmountCents?: number;
}

export class DenyRefundLineDto extends RefundNotesDto {
  @ApiProperty({ description: 'Why the line is denied (shown on the refund request)', example: 'Produto devolvido com avaria' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason: string;
}

export class RefundRequestLineDto {
  @ApiProperty({ description: 'The refund request line (global id): the `{lineId}` of the per-line steps' }) id: string;
  @ApiPropertyOptional({ nullable: true, type: String, example: 'PENDING_APPROVAL', description: 'RefundRequestLineItemStatusEnum' }) status: string | null;
  @ApiPropertyOptional({ nullable: true, type: Number }) quantity: number | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'The invoice line refunded (null for a custom line)' }) lineItemId: string | null;
  @ApiProperty({ description: 'Amount of the line, in cents' }) amountCents: number;
  @ApiPropertyOptional({ nullable: true, type: String }) reason: string | null;
}

export class RefundRequestInvoiceDto {
  @ApiProperty({ description: 'Global id' }) id: string;
  @ApiProperty({ example: 10363, description: 'The invoice number' }) legacyId: number;
}

export class RefundRequestDto implements MarketplacerRefundRequest {
  @ApiProperty({ description: 'Global id: the `{id}` of the refund request steps' }) id: string;
  @ApiPropertyOptional({ nullable: true, type: Number }) legacyId: number | null;
  @ApiProperty({ enum: REFUND_REQUEST_STATUSES, description: 'RefundRequestStatusEnum' }) status: string;
  @ApiProperty({ type: RefundRequestInvoiceDto }) invoice: RefundRequestInvoiceDto;
  @ApiProperty({ description: 'Last change (ISO 8601)' }) updatedAt: string;
  @ApiPropertyOptional({ nullable: true, type: Number, description: 'Refunded in cash, in cents (null until refunded)' }) cashAmountCents: number | null;
  @ApiProperty({ type: [RefundRequestLineDto] }) lineItems: RefundRequestLineDto[];
}

export class RefundRequestPageDto {
  @ApiProperty({ type: [RefundRequestDto] }) items: RefundRequestDto[];
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Pass as `after` for the next page; null on the last page' }) nextCursor: string | null;
}

export class RefundLineResultDto implements MarketplacerRefundLine {
  @ApiProperty({ description: 'The refund request line (global id)' }) id: string;
  @ApiPropertyOptional({ nullable: true, type: String, example: 'AWAITING_RETURN', description: 'RefundRequestLineItemStatusEnum' }) status: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) reason: string | null;
}
