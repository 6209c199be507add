import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsObject, IsOptional, IsString, MinLength } from 'class-validator';
import type { AnymarketConfiguration } from '#anymarket';

export class RegisterSimulatedTokenDto {
  @ApiProperty({ example: 'LG1620824269786R9896699', description: 'A seller token the simulated ANYMARKET will accept' })
  @IsString()
  @MinLength(1)
  token: string;

  @ApiPropertyOptional({
    description: 'The account configuration `GET /configuration` answers for this token (defaults fill the rest)',
    example: { id: 127, oi: '22449504.', accountName: 'Seller_test', fields: [{ key: 'storeId', value: '78' }] },
  })
  @IsOptional()
  @IsObject()
  configuration?: Partial<AnymarketConfiguration>;
}

export class RegisteredSimulatedTokenDto {
  @ApiProperty({ example: '…6699' }) tokenHint: string;
  @ApiProperty() configuration: object;
}
