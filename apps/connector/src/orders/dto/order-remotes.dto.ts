import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { IsActivationDate } from '../../accounts/activation-date.js';

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
