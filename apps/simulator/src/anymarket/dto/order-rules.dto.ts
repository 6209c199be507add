import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean } from 'class-validator';

/** How the simulated ANYMARKET treats order transitions its v2 table does not list. */
export class OrderRulesDto {
  @ApiProperty({
    example: true,
    description:
      'false (the default after a reset; the v2 table): a markAsShipped on a SHIPPED order is refused with 422. ' +
      'true: it is taken as a tracking update (the order keeps the new tracking and stays SHIPPED)',
  })
  @IsBoolean()
  repeatShippedUpdatesTracking: boolean;
}
