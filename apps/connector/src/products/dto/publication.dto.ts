import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { PUBLICATION_STATUSES, TRANSMISSION_STATUSES, type PublicationStatus, type TransmissionStatus } from '#anymarket';

/** ANYMARKET's int64 ids arrive as JSON numbers; digit strings are accepted too. */
const integer = () => Transform(({ value }) => (typeof value === 'string' && /^\d{1,15}$/.test(value.trim()) ? Number(value.trim()) : value));

/**
 * What sendProduct and deletePublication carry (remote_pt.yaml SendPublication / DeletePublication,
 * plus the update* flags of fluxoAnuncio.md). Unknown extra fields are accepted and ignored.
 */
export class PublicationNoticeDto {
  @ApiProperty({ type: 'integer', format: 'int64', example: 58717, description: 'The transmission id (`/skumarketplace/{id}`)' })
  @integer()
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  idSkuMarketplace: number;

  @ApiPropertyOptional({ type: 'integer', format: 'int64', example: 58717, nullable: true })
  @integer()
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  idSkuMarketplaceMain?: number | null;

  @ApiPropertyOptional({ enum: PUBLICATION_STATUSES, description: 'What ANYMARKET wants: PAUSED and CLOSED take the SKU off sale' })
  @IsOptional()
  @IsIn(PUBLICATION_STATUSES)
  status?: PublicationStatus | null;

  @ApiPropertyOptional({ type: 'integer', format: 'int64', example: 791780, nullable: true })
  @integer()
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  idSku?: number | null;

  @ApiPropertyOptional({
    type: 'integer',
    format: 'int64',
    example: 1234,
    nullable: true,
    description: 'ANYMARKET product: its SKUs share one Marketplacer advert',
  })
  @integer()
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  idProduct?: number | null;

  @ApiPropertyOptional({ nullable: true, example: 'SKU-AZUL' })
  @IsOptional()
  @IsString()
  @MaxLength(255)
  skuInMarketplace?: string | null;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 0,
    example: 100,
    nullable: true,
    description: 'Stock ANYMARKET has for the SKU (informational: the stock published is read from the transmission)',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  availableAmount?: number | null;

  @ApiPropertyOptional({ description: 'Only price, stock and status may have changed (the light `/priceStock` read is enough)' })
  @IsOptional()
  @IsBoolean()
  onlySync?: boolean | null;

  @ApiPropertyOptional() @IsOptional() @IsBoolean() onlySyncPrice?: boolean | null;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() onlySyncStock?: boolean | null;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() onlySyncStatus?: boolean | null;
}

export class SendProductDto extends PublicationNoticeDto {
  @ApiProperty({ type: 'integer', format: 'int64', example: 1, description: "The ANYMARKET account (saveAccount's `id`)" })
  @integer()
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  idAccount: number;
}

export class DeletePublicationDto extends PublicationNoticeDto {
  @ApiPropertyOptional({
    type: 'integer',
    format: 'int64',
    example: 1,
    nullable: true,
    description: 'Optional in the contract; without it the transmission is looked up in every account of the organisation',
  })
  @integer()
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  idAccount?: number | null;
}

export class PublicationResponseDto {
  @ApiProperty({ enum: PUBLICATION_STATUSES }) publicationStatus: PublicationStatus;
  @ApiProperty({ example: 'O Marketplace está processando a atualização' }) marketplaceStatus: string;
  @ApiProperty({ enum: TRANSMISSION_STATUSES }) transmissionStatus: TransmissionStatus;
}

export class PublicationValidationErrorDto {
  @ApiProperty({ example: 'PublicationValidationException' }) code: string;
  @ApiProperty({ example: 422 }) httpStatus: number;
  @ApiProperty({ example: 'Erro ao validar publicação' }) message: string;
  @ApiProperty({
    example: 'Marca não vinculada: vincule a marca do produto a uma marca do marketplace; O anúncio não tem preço',
    description: 'Every problem, separated by "; " (a string, as remote_pt.yaml declares it)',
  })
  details: string;
}

export class AccountQuery {
  @ApiPropertyOptional({ description: "ANYMARKET's account id (saveAccount's `id`); may be left out when the organisation has only one", example: '127' })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  idAccount?: string;
}

export class ProductLookupQuery extends AccountQuery {
  @ApiPropertyOptional({ enum: ['COST', 'SKU_MARKETPLACE', 'SKU'], description: "ANYMARKET's price rule of the product; informational", example: 'SKU' })
  @IsOptional()
  @IsIn(['COST', 'SKU_MARKETPLACE', 'SKU'])
  definitionScope?: 'COST' | 'SKU_MARKETPLACE' | 'SKU';
}

/** remote_pt.yaml VinculoSku: a Marketplacer listing ANYMARKET can link to a transmission. */
export class LinkableProductDto {
  @ApiProperty({ description: 'The Marketplacer advert id' }) idInMarketplace: string;
  @ApiProperty({ enum: PUBLICATION_STATUSES }) publicationStatus: PublicationStatus;
  @ApiProperty() marketplaceStatus: string;
  @ApiProperty() skuInMarketplace: string;
  @ApiProperty({ minLength: 1, description: "The advert's title; when it is blank, the listing's, else `Anúncio <legacy id> - SKU <sku>`" })
  title: string;
  @ApiPropertyOptional({ minLength: 1, description: "The variant's barcode, else the listing's EAN; left out when neither is known (ADR 0011)" })
  ean?: string;
  @ApiProperty({ example: 1 }) priceFactor: number;
  @ApiProperty({ description: 'List ("de") price in Marketplacer' }) price: number;
  @ApiProperty({ description: 'Sale ("por") price in Marketplacer (the list price when there is no sale)' }) discountPrice: number;
}
