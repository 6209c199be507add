import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsInt, IsISO8601, IsString, Max, MaxLength, Min, registerDecorator } from 'class-validator';
import { LimitQuery, QueryBoolean, MayBeOmitted } from '#common';
import { GRAPHQL_MAX_INT } from '#marketplacer';
import { IsMarketplacerId, marketplacerIdOf, notAMarketplacerId } from '../../http/marketplacer-ids.js';

/** Most remittances one release names. */
export const MAX_RELEASED_AT_ONCE = 100;

/**
 * Cents as a decimal amount of the currency ("1234.50", "-5.00"), for people reading the admin API;
 * integer arithmetic only. The currency is the marketplace's (Marketplacer does not name it here).
 */
export function formatCents(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const whole = Math.abs(cents);
  return `${sign}${Math.trunc(whole / 100)}.${String(whole % 100).padStart(2, '0')}`;
}

/** Offset paging of the copy's lists, newest first. */
class OffsetPageQuery extends LimitQuery {
  @ApiPropertyOptional({ minimum: 0, default: 0, example: 0, description: 'How many items to skip (the previous pages)' })
  @MayBeOmitted()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  offset: number = 0;
}

export class ListRemittancesQuery extends OffsetPageQuery {
  @ApiPropertyOptional({ description: "Only this seller's remittances: its legacy id (`78`) or global id", example: '78' })
  @MayBeOmitted()
  @IsMarketplacerId('Seller')
  sellerId?: string;

  @ApiPropertyOptional({ type: Boolean, description: 'true: only released remittances; false: only held ones', example: false })
  @MayBeOmitted()
  @QueryBoolean()
  @IsBoolean()
  released?: boolean;
}

export class ListRemittanceAdvicesQuery extends OffsetPageQuery {
  @ApiPropertyOptional({ description: "Only this seller's remittance advices: its legacy id (`78`) or global id", example: '78' })
  @MayBeOmitted()
  @IsMarketplacerId('Seller')
  sellerId?: string;

  @ApiPropertyOptional({ type: Boolean, description: 'true: only paid advices (`paidAt` recorded); false: only unpaid ones', example: false })
  @MayBeOmitted()
  @QueryBoolean()
  @IsBoolean()
  paid?: boolean;
}

/** How many of a seller's newest remittances and advices its overview lists. */
export class SellerRemittancesQuery extends LimitQuery {}

/** A list of ids of `type` records, each a legacy or global id, turned into global ids (what is not one is left as sent, for the 400). */
function IsMarketplacerIds(type: string): PropertyDecorator {
  return (target: object, propertyKey: string | symbol) => {
    Transform(({ value }: { value: unknown }) => (Array.isArray(value) ? value.map((item: unknown) => marketplacerIdOf(type, item) ?? item) : value))(
      target,
      propertyKey,
    );
    registerDecorator({
      name: 'isMarketplacerIds',
      target: target.constructor,
      propertyName: propertyKey as string,
      options: { message: ({ property }) => `each of ${notAMarketplacerId(property, type)}` },
      validator: { validate: (value: unknown) => Array.isArray(value) && value.every((item) => marketplacerIdOf(type, item) !== null) },
    });
  };
}

export class ReleaseRemittancesDto {
  @ApiProperty({
    type: [String],
    minItems: 1,
    maxItems: MAX_RELEASED_AT_ONCE,
    description: 'The held remittances to release: each its legacy id or global id (repeats count once)',
    example: ['60001', '60002'],
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_RELEASED_AT_ONCE)
  @IsMarketplacerIds('Remittance')
  remittanceIds: string[];
}

export class RemittanceAdvicePaymentDto {
  @ApiProperty({ minimum: 0, maximum: GRAPHQL_MAX_INT, description: 'What was paid to the seller, in cents', example: 152_340 })
  @IsInt()
  @Min(0)
  @Max(GRAPHQL_MAX_INT)
  totalPaidCents: number;

  @ApiPropertyOptional({ description: 'When it was paid (ISO 8601 date and time); now when omitted', example: '2026-03-02T14:00:00Z' })
  @MayBeOmitted()
  @IsString()
  @MaxLength(40)
  @IsISO8601({ strict: true })
  paidAt?: string;

  @ApiPropertyOptional({ maxLength: 255, description: 'The payment reference (e.g. the bank transfer id)', example: 'TED 000123456' })
  @MayBeOmitted()
  @IsString()
  @MaxLength(255)
  paymentReference?: string;
}

export class SellerRefDto {
  @ApiProperty({ description: 'Marketplacer global id of the seller' }) id: string;
  @ApiPropertyOptional({ nullable: true, type: Number, example: 78, description: 'Its legacy id (null when the copy holds nothing of this seller)' })
  legacyId: number | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Its business name as Marketplacer last gave it' }) businessName: string | null;
}

export class RemittanceInvoiceDto {
  @ApiProperty({ description: 'Global id' }) id: string;
  @ApiProperty({ example: 10363, description: 'The invoice number' }) legacyId: number;
}

export class RemittanceDto {
  @ApiProperty({ description: 'Marketplacer global id: what a release names' }) id: string;
  @ApiProperty({ type: SellerRefDto }) seller: SellerRefDto;
  @ApiPropertyOptional({ nullable: true, type: RemittanceInvoiceDto, description: 'The invoice it pays for' }) invoice: RemittanceInvoiceDto | null;
  @ApiProperty({ example: 15234, description: 'What the seller is owed, in cents' }) amountCents: number;
  @ApiProperty({ example: '152.34', description: 'amountCents in the currency' }) amountFormatted: string;
  @ApiPropertyOptional({ nullable: true, type: Number, description: "The marketplace's commission, in cents" }) commissionCents: number | null;
  @ApiPropertyOptional({ nullable: true, type: String }) commissionFormatted: string | null;
  @ApiProperty({ description: 'Released to be paid; false while held' }) released: boolean;
  @ApiProperty({ type: [String], description: 'Why it is held, as Marketplacer words it' }) pendingReasons: string[];
  @ApiPropertyOptional({ nullable: true, type: String, description: 'The remittance advice listing it (global id), as the last advices scan read them' })
  adviceId: string | null;
  @ApiProperty({ description: "Marketplacer's createdAt" }) createdAt: string;
  @ApiProperty({ description: 'When the copy last took a change from Marketplacer' }) syncedAt: string;
}

export class RemittanceAdviceDto {
  @ApiProperty({ description: 'Marketplacer global id: the `{id}` of its payment' }) id: string;
  @ApiProperty({ example: 70001 }) legacyId: number;
  @ApiProperty({ type: SellerRefDto }) seller: SellerRefDto;
  @ApiProperty({ description: "The remittances' total, in cents" }) totalCents: number;
  @ApiProperty({ example: '1523.40' }) totalFormatted: string;
  @ApiPropertyOptional({ nullable: true, type: Number, description: 'What was paid, in cents, once recorded' }) totalPaidCents: number | null;
  @ApiPropertyOptional({ nullable: true, type: String }) totalPaidFormatted: string | null;
  @ApiPropertyOptional({ nullable: true, type: Number, description: 'Commission of its remittances, in cents' }) commissionCents: number | null;
  @ApiPropertyOptional({ nullable: true, type: String }) commissionFormatted: string | null;
  @ApiProperty({ description: 'Paid: `paidAt` is recorded' }) paid: boolean;
  @ApiPropertyOptional({ nullable: true, type: String }) paidAt: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) paymentReference: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: "Marketplacer's createdAt" }) createdAt: string | null;
  @ApiProperty({ type: [String], description: 'The remittances it lists (global ids)' }) remittanceIds: string[];
  @ApiProperty({ description: 'When the copy last took a change from Marketplacer' }) syncedAt: string;
}

export class SellerRemittanceSummaryDto {
  @ApiProperty({ description: 'Remittances in the copy' }) remittanceCount: number;
  @ApiProperty({ description: 'Held (not released) remittances' }) heldCount: number;
  @ApiProperty({ description: 'What they owe, in cents' }) heldCents: number;
  @ApiProperty({ example: '0.00' }) heldFormatted: string;
  @ApiProperty({ description: 'Released remittances no advice lists yet (as of the last advices scan)' }) releasedUnadvisedCount: number;
  @ApiProperty() releasedUnadvisedCents: number;
  @ApiProperty({ example: '0.00' }) releasedUnadvisedFormatted: string;
  @ApiProperty({ description: 'Remittance advices in the copy' }) adviceCount: number;
  @ApiProperty({ description: 'Advices not paid yet' }) advisedUnpaidCount: number;
  @ApiProperty({ description: 'Their totals, in cents' }) advisedUnpaidCents: number;
  @ApiProperty({ example: '0.00' }) advisedUnpaidFormatted: string;
  @ApiProperty({ description: 'Paid advices' }) paidCount: number;
  @ApiProperty({ description: 'What they paid (totalPaid, else their total), in cents' }) paidCents: number;
  @ApiProperty({ example: '0.00' }) paidFormatted: string;
}

export class SellerRemittancesDto {
  @ApiProperty({ type: SellerRefDto }) seller: SellerRefDto;
  @ApiProperty({ type: SellerRemittanceSummaryDto }) summary: SellerRemittanceSummaryDto;
  @ApiProperty({ type: [RemittanceDto], description: 'Its newest remittances (`limit`); all of them page through GET /admin/remittances?sellerId=' })
  remittances: RemittanceDto[];
  @ApiProperty({ type: [RemittanceAdviceDto], description: 'Its newest advices (`limit`); all of them page through GET /admin/remittance-advices?sellerId=' })
  advices: RemittanceAdviceDto[];
}
