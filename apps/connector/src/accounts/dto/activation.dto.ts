import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsNotEmpty, IsNumber, IsOptional, IsString, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { MAX_MONEY_SETTING, MAX_PRICE_FACTOR } from '../account-settings.js';
import { IsActivationDate } from '../activation-date.js';

const finite = { allowNaN: false, allowInfinity: false } as const;

export class AnymarketUserDto {
  @ApiProperty({ example: 'LG1620824269786R9896699', description: "The seller's ANYMARKET token for the marketplace API; stored encrypted, never answered" })
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  token: string;

  @ApiPropertyOptional({
    nullable: true,
    type: String,
    example: null,
    description: "Untyped in ANYMARKET's schema: a string is kept, anything else is dropped",
  })
  @Transform(({ value }) => (typeof value === 'string' ? value.slice(0, 50) : undefined))
  @IsOptional()
  @IsString()
  @MaxLength(50)
  country?: string | null;
}

/**
 * The settings ANYMARKET's module screen sends to testIntegration and saveAccount
 * (remote_pt.yaml `ModuleConfiguration` / `saveAccount`). Unknown extra fields are accepted and
 * ignored; the seller's own auth fields (storeId/password by default) are read separately.
 */
export class SaveAccountDto {
  @ApiProperty({
    type: 'integer',
    format: 'int64',
    example: 127,
    description: 'ANYMARKET account id: the `idAccount` of later remotes. Required: an account without it cannot be addressed (answered 400 false)',
  })
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  id: number;

  @ApiProperty({ description: 'false deactivates the account' })
  @IsBoolean()
  active: boolean;

  @ApiPropertyOptional({ type: 'integer', format: 'int64', nullable: true, example: null })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  templateId?: number | null;

  @ApiPropertyOptional({ maxLength: 255, example: 'Seller_test', nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(255)
  accountName?: string | null;

  @ApiPropertyOptional({ enum: ['PERCENT', 'VALUE'], default: 'PERCENT' })
  @IsOptional()
  @IsIn(['PERCENT', 'VALUE'])
  discountType?: 'PERCENT' | 'VALUE' | null;

  @ApiPropertyOptional({
    minimum: 0,
    maximum: MAX_MONEY_SETTING,
    example: 0,
    default: 0,
    description:
      'Discount on every price: a percentage below 100 (PERCENT), or an amount off (VALUE). A VALUE discount that takes a whole price makes that listing an ERROR',
  })
  @IsOptional()
  @IsNumber(finite)
  @Min(0)
  @Max(MAX_MONEY_SETTING)
  discountValue?: number | null;

  @ApiPropertyOptional({
    minimum: 0,
    maximum: MAX_PRICE_FACTOR,
    example: 1,
    default: 1,
    description: 'Extra markup multiplier (0, as ANYMARKET sends for none, means no markup)',
  })
  @IsOptional()
  @IsNumber(finite)
  @Min(0)
  @Max(MAX_PRICE_FACTOR)
  priceFactor?: number | null;

  @ApiPropertyOptional({ default: false }) @IsOptional() @IsBoolean() useSandbox?: boolean | null;

  @ApiPropertyOptional({ default: false }) @IsOptional() @IsBoolean() accountDefault?: boolean | null;

  @ApiPropertyOptional({ default: false, description: 'The seller chose to update only price, stock and status' })
  @IsOptional()
  @IsBoolean()
  updatePriceStockStatus?: boolean | null;

  @ApiPropertyOptional({ minimum: 0, maximum: MAX_MONEY_SETTING, example: 0, default: 0, description: 'Extra on the freight table' })
  @IsOptional()
  @IsNumber(finite)
  @Min(0)
  @Max(MAX_MONEY_SETTING)
  additionOfFreight?: number | null;

  @ApiPropertyOptional({
    nullable: true,
    example: '09-02-2022',
    description: 'Initial order-import date, `dd-MM-yyyy` or ISO `yyyy-MM-dd` (a date-time keeps its written date). Also accepted as `initialDateOrderImport`',
  })
  @IsOptional()
  @IsActivationDate()
  initialDateForOrderImport?: string | null;

  @ApiPropertyOptional({ nullable: true, example: '2022-02-09', description: "The same date under the key ANYMARKET's docs also use" })
  @IsOptional()
  @IsActivationDate()
  initialDateOrderImport?: string | null;

  @ApiPropertyOptional({
    type: AnymarketUserDto,
    nullable: true,
    description: 'null on testIntegration; carries the token on saveAccount. Absent or null keeps the stored token',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => AnymarketUserDto)
  user?: AnymarketUserDto | null;
}

/** Documentation of the seller's auth fields; their names are configurable, so they are read from the raw body. */
export const ACTIVATION_AUTH_FIELDS_SCHEMA = {
  type: 'object',
  properties: {
    storeId: { type: 'string', example: '78', description: "The seller's store id: its Marketplacer legacy id (field name: ACCOUNT_AUTH_FIELD_STORE_ID)" },
    password: { type: 'string', example: 'J3x…', description: 'The integration secret issued with the seller link (field name: ACCOUNT_AUTH_FIELD_PASSWORD)' },
  },
} as const;
