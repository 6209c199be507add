import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, MaxLength, Min, Max } from 'class-validator';
import { ORDER_STATUSES, type OrderStatus } from '#anymarket';
import { IsActivationDate } from '../../accounts/index.js';

/** `?idAccount=` of the order remotes (required there: an order belongs to one account). */
export class OrderAccountQuery {
  @ApiProperty({ description: "ANYMARKET's account id (saveAccount's `id`)", example: '127' })
  @IsString()
  @MaxLength(20)
  idAccount: string;
}

/** `/order/force/{id}?idAccount=&oi=`: `oi` must be the caller's own organisation. */
export class ForceOrderQuery {
  @ApiPropertyOptional({ description: "ANYMARKET's account id (saveAccount's `id`); may be left out when the organisation has only one", example: '127' })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  idAccount?: string;

  @ApiProperty({ description: "The caller's organisation id (must be the x-anymarket-token's `oi`)", example: '22449504.' })
  @IsString()
  @MaxLength(64)
  oi: string;
}

/**
 * remote_pt.yaml `ConfigurationDTO` of `/forceImportOrders`: the account's configuration; only the
 * import date is read (either key, dd-MM-yyyy or yyyy-MM-dd); other fields are accepted and ignored.
 */
export class ForceImportOrdersDto {
  @ApiPropertyOptional({
    example: '2019-08-24',
    description: "Import PENDING and PAID orders created on or after this day (default: the account's import date)",
  })
  @IsOptional()
  @IsActivationDate()
  initialDateForOrderImport?: string | null;

  @ApiPropertyOptional({ example: '24-08-2019', description: 'The same date under the name GET /configuration uses' })
  @IsOptional()
  @IsActivationDate()
  initialDateOrderImport?: string | null;
}

/** remote_pt.yaml `RemoteApiUpdateOrderStatus`: a status changed in ANYMARKET (the seller, or its ERP). */
export class UpdateOrderStatusDto {
  @ApiProperty({ description: "ANYMARKET's order id", example: 123456, minimum: 0, maximum: Number.MAX_SAFE_INTEGER })
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  orderId: number;

  @ApiProperty({ description: "The order's id in the marketplace (`marketPlaceId`): the Marketplacer invoice number", example: '10363', maxLength: 40 })
  @IsString()
  @MaxLength(40)
  idInMarketplace: string;

  @ApiPropertyOptional({ enum: ORDER_STATUSES, example: 'PAID' })
  @IsOptional()
  @IsIn(ORDER_STATUSES)
  oldStatus?: OrderStatus;

  @ApiProperty({ enum: ORDER_STATUSES, example: 'INVOICED' })
  @IsIn(ORDER_STATUSES)
  currentStatus: OrderStatus;
}

/** `?idAccount=` of `/order/{id}/invoice/document` (may be left out when the organisation has one account). */
export class InvoiceDocumentQuery {
  @ApiPropertyOptional({ description: "ANYMARKET's account id (saveAccount's `id`)", example: '127' })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  idAccount?: string;
}
