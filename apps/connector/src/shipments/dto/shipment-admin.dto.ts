import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

export class MarketplacerCarrierDto {
  @ApiProperty({ description: "Marketplacer's carrier id (postageCarrierId)", example: 'U2hpcG1lbnRDYXJyaWVyLTE=' }) id: string;
  @ApiProperty({ example: 'Australia Post' }) name: string;
}

export class CarrierMappingDto {
  @ApiProperty({ description: 'The carrier as ANYMARKET names it (Order.tracking.carrier)', example: 'Correios' }) anymarketCarrier: string;
  @ApiProperty({ description: "Marketplacer's carrier id" }) marketplacerCarrierId: string;
  @ApiPropertyOptional({ nullable: true, type: String, description: "Marketplacer's carrier name (null: no longer in Marketplacer)" })
  marketplacerCarrierName: string | null;
  @ApiProperty({ enum: ['admin', 'SHIPMENT_CARRIER_MAP'], description: 'Where the entry comes from (admin entries take precedence)' })
  source: 'admin' | 'SHIPMENT_CARRIER_MAP';
}

export class SetCarrierMappingDto {
  @ApiProperty({ description: 'The carrier as ANYMARKET names it', example: 'Correios', maxLength: 120 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(120)
  anymarketCarrier: string;

  @ApiProperty({ description: "A Marketplacer carrier's id or exact name (GET /admin/shipments/carriers)", example: 'Australia Post', maxLength: 200 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  marketplacerCarrier: string;
}

export class ShipmentDto {
  @ApiProperty({
    enum: ['anymarket', 'marketplacer'],
    description: "anymarket: made by the connector from ANYMARKET's tracking; marketplacer: made in Marketplacer",
  })
  origin: 'anymarket' | 'marketplacer';
  @ApiPropertyOptional({ nullable: true, type: String, description: "Marketplacer's shipment id (null while the connector's create is unanswered)" })
  id: string | null;
  @ApiProperty({ enum: ['sending', 'created'], description: 'sending: recorded, Marketplacer has not answered yet' }) state: 'sending' | 'created';
  @ApiProperty({ example: 'Australia Post' }) carrier: string;
  @ApiProperty() trackingNumber: string;
  @ApiPropertyOptional({ nullable: true, type: String }) trackingLink: string | null;
  @ApiProperty({ description: 'Dispatch date or time as recorded' }) dispatchedAt: string;
  @ApiProperty({ description: 'Invoice lines shipped and how many', type: 'array', items: { type: 'object' } })
  items: Array<{ lineItemId: string; quantity: number }>;
}
