import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';

const DECIMAL = /^\d+(\.\d{1,2})?$/;

export class VettingRejectionDto {
  @ApiPropertyOptional({ example: 'Images do not meet the marketplace guidelines' })
  @IsOptional()
  @IsString()
  reason?: string;
}

export class VariantEditDto {
  @ApiPropertyOptional({ example: 12 })
  @IsOptional()
  @IsInt()
  @Min(0)
  countOnHand?: number;

  @ApiPropertyOptional({ example: '49.90', description: 'Decimal price' })
  @IsOptional()
  @Matches(DECIMAL, { message: 'price must be a decimal such as 49.90' })
  price?: string;

  @ApiPropertyOptional({ example: '39.90', nullable: true, description: 'Decimal sale price; null removes it' })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @Matches(DECIMAL, { message: 'salePrice must be a decimal such as 39.90, or null' })
  salePrice?: string | null;
}

export class SellerEditDto {
  @ApiPropertyOptional({ example: false })
  @IsOptional()
  @IsBoolean()
  online?: boolean;

  @ApiPropertyOptional({ enum: ['RETAILER', 'PROSPECTIVE'] })
  @IsOptional()
  @IsIn(['RETAILER', 'PROSPECTIVE'])
  accountType?: 'RETAILER' | 'PROSPECTIVE';

  @ApiPropertyOptional({ example: true, description: 'Deletes the seller (it becomes a DeletedSeller)' })
  @IsOptional()
  @IsBoolean()
  deleted?: boolean;
}

export class ReleaseRemittancesDto {
  @ApiProperty({ example: ['UmVtaXR0YW5jZS0x', '2'], description: 'Remittances to release: global ids or database ids' })
  @IsArray()
  @IsString({ each: true })
  remittanceIds: string[];
}

export class RemittancesQueryDto {
  @ApiPropertyOptional({ example: 'U2VsbGVyLTE=', description: "Only this seller's remittances: global id or database id" })
  @IsOptional()
  @IsString()
  sellerId?: string;
}

export class ShipLineDto {
  @ApiProperty({ example: 'TGluZUl0ZW0tMQ==', description: 'The invoice line (LineItem global id)' })
  @IsString()
  @IsNotEmpty()
  lineItemId: string;

  @ApiProperty({ example: 1 })
  @IsInt()
  @Min(1)
  @Max(1000)
  quantity: number;
}

export class ShipInvoiceDto {
  @ApiPropertyOptional({ example: 1, description: 'Carrier database id (default: the first carrier)' })
  @IsOptional()
  @IsInt()
  carrierId?: number;

  @ApiPropertyOptional({ example: 'TRK123456' })
  @IsOptional()
  @IsString()
  trackingNumber?: string;

  @ApiPropertyOptional({
    type: [ShipLineDto],
    description: 'Only these lines and quantities (a partial shipment, checked as shipmentCreate checks them); default: everything left to ship',
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => ShipLineDto)
  lines?: ShipLineDto[];
}

/** ShipmentUpdateMutationInput's attributes (2023 schema), every one optional. */
export class ShipmentEditDto {
  @ApiPropertyOptional({ example: 'TRK654321' })
  @IsOptional()
  @IsString()
  trackingNumber?: string;

  @ApiPropertyOptional({ example: 2, description: 'Carrier database id' })
  @IsOptional()
  @IsInt()
  carrierId?: number;

  @ApiPropertyOptional({ example: 'Re-sent with another carrier', nullable: true })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsString()
  note?: string | null;
}

export class WebhookSettingsDto {
  @ApiPropertyOptional({ example: 'http://127.0.0.1:3000/webhooks/marketplacer', nullable: true, description: 'null turns webhooks off' })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] })
  url?: string | null;

  @ApiPropertyOptional({ example: 'a-shared-secret', nullable: true, description: 'null stops signing' })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsString()
  hmacKey?: string | null;

  @ApiPropertyOptional({ example: true, description: 'true re-enables a webhook Marketplacer-style disabled after a 4xx' })
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;
}
