import { MayBeOmitted } from '#common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsEmail,
  IsIn,
  IsInt,
  IsISO31661Alpha2,
  IsNotEmpty,
  IsObject,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  registerDecorator,
  ValidateNested,
} from 'class-validator';
import { GRAPHQL_MAX_INT, type MarketplacerOrder } from '#marketplacer';
import { IsMarketplacerId } from '../../http/marketplacer-ids.js';

/** `OrderStatusEnum` (2020 values). */
export const MARKETPLACER_ORDER_STATUSES = ['COMPLETE', 'PAYMENT_FAILED', 'PAYMENT_IN_PROGRESS'] as const;
const MAX_GATEWAY_DETAILS_CHARS = 4_000;

/**
 * `cost.amount` is the line total and Marketplacer rounds a fractional unit price UP (10830 for 4
 * units is charged 2708 × 4 = 10832; OPERATOR-API-NOTES §6), so a total that does not divide by the
 * quantity is refused rather than silently charged more.
 */
function IsWholeUnitPrice(): PropertyDecorator {
  return (target, propertyKey) =>
    registerDecorator({
      name: 'isWholeUnitPrice',
      target: target.constructor,
      propertyName: propertyKey as string,
      options: { message: '$property must divide by quantity into whole cents: Marketplacer rounds a fractional unit price up' },
      validator: {
        validate: (value: unknown, args) => {
          const quantity = (args?.object as { quantity?: unknown }).quantity;
          return typeof value !== 'number' || typeof quantity !== 'number' || !Number.isInteger(quantity) || quantity < 1 || value % quantity === 0;
        },
      },
    });
}

/** A JSON object of at most MAX_GATEWAY_DETAILS_CHARS characters once serialised. */
function IsSmallJsonObject(): PropertyDecorator {
  return (target, propertyKey) =>
    registerDecorator({
      name: 'isSmallJsonObject',
      target: target.constructor,
      propertyName: propertyKey as string,
      options: { message: `$property must be a JSON object of at most ${MAX_GATEWAY_DETAILS_CHARS} characters` },
      validator: { validate: (value: unknown) => JSON.stringify(value).length <= MAX_GATEWAY_DETAILS_CHARS },
    });
}

export class OperatorBuyerDto {
  @ApiProperty({ example: 'Ana' }) @IsString() @IsNotEmpty() @MaxLength(100) firstName: string;
  @ApiProperty({ example: 'Compradora' }) @IsString() @IsNotEmpty() @MaxLength(100) surname: string;
  @ApiPropertyOptional({ example: 'ana@example.com' }) @MayBeOmitted() @IsString() @MaxLength(254) @IsEmail() emailAddress?: string;
  @ApiPropertyOptional({ example: '+55 44 99999 0000' }) @MayBeOmitted() @IsString() @MaxLength(40) @Matches(/^[0-9+() .-]+$/) phone?: string;
}

export class OperatorAddressDto {
  @ApiProperty({ description: 'Street and number', example: 'Rua Teste, 100' }) @IsString() @IsNotEmpty() @MaxLength(255) address: string;
  @ApiProperty({ example: 'Maringá' }) @IsString() @IsNotEmpty() @MaxLength(100) city: string;
  @ApiProperty({ example: '87020-035' }) @IsString() @IsNotEmpty() @MaxLength(20) postcode: string;
  @ApiPropertyOptional({ description: 'State abbreviation', example: 'PR' })
  @MayBeOmitted()
  @IsString()
  @MaxLength(10)
  @Matches(/^[A-Za-z0-9-]+$/)
  stateShort?: string;
  @ApiPropertyOptional({ description: 'ISO 3166-1 alpha-2', example: 'BR' }) @MayBeOmitted() @IsString() @MaxLength(2) @IsISO31661Alpha2() countryCode?: string;
}

export class OperatorLineItemDto {
  @ApiProperty({ description: 'The variant sold: its legacy id or global id', example: '101' })
  @IsMarketplacerId('Variant')
  variantId: string;

  @ApiProperty({ minimum: 1, example: 2 })
  @IsInt()
  @Min(1)
  @Max(10_000)
  quantity: number;

  @ApiProperty({ minimum: 0, description: 'The line total (unit price × quantity), in cents; must divide by quantity', example: 3998 })
  @IsInt()
  @Min(0)
  @Max(GRAPHQL_MAX_INT)
  @IsWholeUnitPrice()
  lineTotalCents: number;

  @ApiPropertyOptional({ minimum: 0, description: 'Postage of the line, in cents', example: 1590 })
  @MayBeOmitted()
  @IsInt()
  @Min(0)
  @Max(GRAPHQL_MAX_INT)
  postageCents?: number;
}

export class CreateOperatorOrderDto {
  @ApiProperty({
    description:
      "The storefront's order id, kept on the order in Marketplacer as an external id: the same order sent again (after a lost answer) " +
      'answers the order made the first time (200) instead of making another',
    example: 'LOJA-2026-000123',
  })
  @IsString()
  @MaxLength(100)
  @Matches(/^[!-~]+$/, { message: 'externalId must be printable ASCII without spaces' })
  externalId: string;

  @ApiProperty({ type: OperatorBuyerDto }) @IsObject() @ValidateNested() @Type(() => OperatorBuyerDto) buyer: OperatorBuyerDto;

  @ApiProperty({ type: OperatorAddressDto, description: 'Where the order goes' })
  @IsObject()
  @ValidateNested()
  @Type(() => OperatorAddressDto)
  address: OperatorAddressDto;

  @ApiPropertyOptional({ description: "The buyer's purchase order number", example: 'PO-778' })
  @MayBeOmitted()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  purchaseOrderNumber?: string;

  @ApiProperty({ type: [OperatorLineItemDto], minItems: 1, maxItems: 100, description: 'Marketplacer splits them into one invoice per seller' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => OperatorLineItemDto)
  lineItems: OperatorLineItemDto[];
}

export class UpdateOperatorOrderDto {
  @ApiProperty({ enum: MARKETPLACER_ORDER_STATUSES, description: 'The order status (Marketplacer wants it on every update)', example: 'COMPLETE' })
  @IsIn(MARKETPLACER_ORDER_STATUSES)
  status: (typeof MARKETPLACER_ORDER_STATUSES)[number];

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description: "Merged into the order's payment gateway details",
    example: { gateway: 'pagarme', transactionId: 'tr_123' },
  })
  @MayBeOmitted()
  @IsObject()
  @IsSmallJsonObject()
  paymentGatewayDetails?: Record<string, unknown>;
}

export class MarketplacerOrderLineDto {
  @ApiProperty({ description: 'Global id' }) id: string;
  @ApiProperty() legacyId: number;
  @ApiPropertyOptional({ nullable: true, type: String }) variantId: string | null;
  @ApiProperty() quantity: number;
}

export class MarketplacerOrderInvoiceDto {
  @ApiProperty({ description: 'Global id' }) id: string;
  @ApiProperty({ description: 'The invoice number' }) legacyId: number;
  @ApiProperty({ type: [MarketplacerOrderLineDto] }) lineItems: MarketplacerOrderLineDto[];
}

export class MarketplacerOrderDto implements MarketplacerOrder {
  @ApiProperty({ description: 'Global id: the `{id}` of PATCH /admin/marketplacer/orders/{id}' }) id: string;
  @ApiPropertyOptional({ nullable: true, type: Number, description: 'The order number' }) legacyId: number | null;
  @ApiPropertyOptional({ nullable: true, type: String, example: 'COMPLETE' }) status: string | null;
  @ApiProperty({ type: [MarketplacerOrderInvoiceDto], description: 'One per seller (and delivery type)' }) invoices: MarketplacerOrderInvoiceDto[];
}
