import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsObject, IsOptional } from 'class-validator';
import { ORDER_STATUSES, type Order, type OrderStatus } from '#anymarket';

/** A seller's change to an order in ANYMARKET (its screen or ERP), before ANYMARKET notifies the marketplace. */
export class SellerOrderChangeDto {
  @ApiProperty({ enum: ORDER_STATUSES, example: 'SHIPPED' })
  @IsIn(ORDER_STATUSES)
  status: OrderStatus;

  @ApiPropertyOptional({
    description: 'Invoice (NF-e) data',
    example: { number: '562465425', series: '1', accessKey: '41190908328657000194550015624654251041433087' },
  })
  @IsOptional()
  @IsObject()
  invoice?: Order['invoice'];

  @ApiPropertyOptional({
    description: 'Tracking',
    example: { carrier: 'Correios', number: 'BR123', url: 'https://rastreio.example/BR123', shippedDate: '2026-11-26T10:00:00-03:00' },
  })
  @IsOptional()
  @IsObject()
  tracking?: Order['tracking'];

  @ApiPropertyOptional({ example: 'BUYER_CANCELED' })
  @IsOptional()
  @IsIn(['WITHOUT_STOCK', 'SHIPPING_ADDRESS', 'CUSTOMER_EXCHANGE', 'GENERAL_ADJUSTMENT', 'CUSTOMER_RETURN', 'BUYER_CANCELED', 'OTHER'])
  cancellationCode?: Order['cancellationCode'];
}
